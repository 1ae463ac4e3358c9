import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AUTH_CODE_RULES, PAYMENT_TRIGGERS, REFUND_TRIGGERS } from '../../../src/sandbox/triggers.js';

// The README's sandbox trigger table is printed from src/sandbox/triggers.ts, the one table
// the sandbox itself uses. UPDATE_DOCS=1 rewrites the README block; otherwise a stale block fails.
const README = fileURLToPath(new URL('../../../README.md', import.meta.url));
const START = '<!-- triggers:start (generated from src/sandbox/triggers.ts) -->';
const END = '<!-- triggers:end -->';

function triggerMarkdown(): string {
  const rows = (
    list: readonly (typeof PAYMENT_TRIGGERS)[number][] | readonly (typeof REFUND_TRIGGERS)[number][],
  ) => list.map((t) => `| \`…${t.suffix}\` | ${t.example} | ${t.label.en} | ${t.label.zh} |`);
  return [
    'Payments (`pay`, `qrcode`, `scan`, `wechat`), by the last two digits of the amount in 分; any other amount',
    'is normal (paid by the customer after a few seconds; `scan` is paid at once):',
    '',
    '| amount ends in (分) | e.g. (元) | outcome | 结果 |',
    '|---|---|---|---|',
    ...rows(PAYMENT_TRIGGERS),
    '',
    'Refunds, by the last two digits of the refund amount in 分:',
    '',
    '| amount ends in (分) | e.g. (元) | outcome | 结果 |',
    '|---|---|---|---|',
    ...rows(REFUND_TRIGGERS),
    '',
    '`scan --auth-code`: the prefix picks the wallet, as real payment codes do:',
    '',
    '| auth_code | meaning | 含义 |',
    '|---|---|---|',
    ...AUTH_CODE_RULES.map((r) => `| \`${r.example}\` | ${r.label.en} | ${r.label.zh} |`),
  ].join('\n');
}

describe('README sandbox triggers', () => {
  it('match src/sandbox/triggers.ts', () => {
    const text = readFileSync(README, 'utf8');
    const start = text.indexOf(START);
    const end = text.indexOf(END);
    expect(start, 'README has the triggers block markers').toBeGreaterThan(-1);
    expect(end).toBeGreaterThan(start);
    const block = `${START}\n${triggerMarkdown()}\n${END}`;
    if (process.env.UPDATE_DOCS) {
      writeFileSync(README, text.slice(0, start) + block + text.slice(end + END.length));
      return;
    }
    expect(text.slice(start, end + END.length)).toBe(block);
  });
});

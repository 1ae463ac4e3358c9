import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type DamagedLine,
  encodeLine,
  Journal,
  JournalDamage,
  MAX_JOURNAL_LINE_BYTES,
  readJournalLines,
  verifyLine,
} from '../../../src/journal/index.js';
import { journalText } from '../../../src/output/messages/journal.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'imp-journal-ck-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function read(file: string) {
  const damaged: DamagedLine[] = [];
  const damage = new JournalDamage();
  const lines = [];
  for await (const l of readJournalLines(file, {
    onDamaged: (d) => {
      damaged.push(d);
      damage.onDamaged(d);
    },
    onLegacy: damage.onLegacy,
  }))
    lines.push(l);
  return { lines, damaged, damage };
}

describe('journal line checksums', () => {
  it('every line written carries one; any changed byte makes the line damaged', async () => {
    const file = join(dir, 'j.jsonl');
    const j = new Journal(file, 'p');
    await j.begin({ txn: 'refund', orderno: 'O12345', refundno: 'R1', amount: 100 });
    await j.close();
    const text = await readFile(file, 'utf8');
    expect(verifyLine(text.trim())).toBe('ok');
    for (const [from, to] of [
      ['O12345', 'O12346'],
      ['"amount":100', '"amount":900'],
      ['"refund"', '"Refund"'],
    ]) {
      await writeFile(file, text.replace(from as string, to as string));
      const r = await read(file);
      expect(r.lines).toHaveLength(0);
      expect(r.damaged.map((d) => d.reason)).toEqual(['checksum']);
    }
  });

  it('lines without a checksum before the first checksummed one are legacy, read and counted once; after it, damaged', async () => {
    const file = join(dir, 'l.jsonl');
    const legacy = JSON.stringify({
      type: 'begin',
      id: 'a',
      txn: 'refund',
      orderno: 'O1',
      at: 'x',
      profile: 'p',
    });
    const ok = encodeLine({ type: 'begin', id: 'b', txn: 'refund', orderno: 'O2', at: 'x', profile: 'p' });
    const late = JSON.stringify({
      type: 'begin',
      id: 'c',
      txn: 'refund',
      orderno: 'O3',
      at: 'x',
      profile: 'p',
    });
    await writeFile(file, `${legacy}\n${legacy.replace('"a"', '"a2"')}\n${ok}\n${late}\n`);
    const r = await read(file);
    expect(r.lines.map((l) => l.id)).toEqual(['a', 'a2', 'b']);
    expect(r.damage.legacy).toBe(2);
    expect(r.damaged.map((d) => [d.line, d.reason])).toEqual([[4, 'checksum']]);
    expect(journalText(r.damage.legacyNote(file)!).en).toContain('2 lines written by an older imp');
  });

  it(`a line longer than ${MAX_JOURNAL_LINE_BYTES} bytes is damaged, read in bounded memory, with a short excerpt`, async () => {
    const file = join(dir, 'h.jsonl');
    const ok = encodeLine({ type: 'begin', id: 'b', txn: 'refund', orderno: 'O2', at: 'x', profile: 'p' });
    await writeFile(file, `${ok}\n${'z'.repeat(20 * 1024 * 1024)}\n${ok.replace('"b"', '"c"')}\n`);
    const before = process.memoryUsage().rss;
    const r = await read(file);
    expect(process.memoryUsage().rss - before).toBeLessThan(15 * 1024 * 1024);
    expect(r.lines).toHaveLength(1);
    expect(r.damaged).toHaveLength(2);
    expect(r.damaged[0]).toMatchObject({ line: 2, reason: 'too-long' });
    expect((r.damaged[0] as DamagedLine).excerpt.length).toBeLessThanOrEqual(81);
    expect((r.damaged[0] as DamagedLine).digest).toMatch(/^[0-9a-f]{64}$/);
    // the third line is the first's text with another id: its checksum no longer matches
    expect(r.damaged[1]).toMatchObject({ line: 3, reason: 'checksum' });
  });
});

import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnTerm as spawnPty } from '../helpers/pty.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { journalOf, paidOrder, sandboxRefunds } from '../integration/refund-harness.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox({ refundDelayMs: 100 });
});
afterAll(async () => {
  await t?.close();
});

const spawnTerm = (args: string[]) => spawnPty(args, { cwd: t.root, env: t.env });

describe('imp refund in a pseudo-terminal', () => {
  it('prompts for the missing amount, shows the facts, asks, and refunds after the typed confirmation', async () => {
    const orderno = await paidOrder(t, 1000);
    const { seen, exited, term, text } = await spawnTerm(['refund', orderno]);
    try {
      await seen('refund amount');
      term.write('2.50\r');
      await seen('send this refund of 2.50 yuan (250 fen)');
      expect(text()).toContain('10.00 yuan (1000 fen)');
      // the facts as a compact aligned list: no borders or rules, the operation in words, 80 columns
      const facts = text().slice(text().indexOf('order no'), text().indexOf('send this refund'));
      expect(facts).not.toMatch(/[┌├└│─]/);
      expect(facts).toMatch(/operation\s+refund\r?$/m);
      expect(facts).not.toContain('2 refund');
      for (const line of facts.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
      term.write('y\r');
      expect(await exited).toBe(0);
    } finally {
      term.kill();
    }
    expect(text()).toContain('refund no');
    expect(sandboxRefunds(t, orderno).map((r) => r.amount)).toEqual([250]);
  });

  it('a second refund of the same order and amount, however long after, asks naming the earlier one; "no" sends nothing', async () => {
    const orderno = await paidOrder(t, 1000);
    const first = await t.runCli(['--json', '--yes', 'refund', orderno, '--amount', '1.00', '--wait', '10']);
    expect(first.code).toBe(0);
    const refundno = JSON.parse(first.stdout).refund.refundno as string;
    const { seen, exited, term, text } = await spawnTerm(['refund', orderno, '--amount', '1.00']);
    try {
      await seen('Send another one');
      expect(text()).toContain(refundno);
      term.write('n\r');
      expect(await exited).toBe(130);
    } finally {
      term.kill();
    }
    expect(sandboxRefunds(t, orderno)).toHaveLength(1);
  });

  it('without a terminal names every missing argument in one usage error', async () => {
    const r = await t.runCli(['refund']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('<orderno>, --amount');
  });
});

describe('imp journal dismiss in a pseudo-terminal', () => {
  it('shows the unreadable line and asks; "no" leaves the journal as it was, "yes" appends the dismissal', async () => {
    const file = journalOf(t).file;
    await mkdir(path.dirname(file), { recursive: true });
    await appendFile(file, '{"type":"begin","txn":"refund","orderno":"pty-torn","amo\n');
    const before = await readFile(file, 'utf8');
    const line = before.trimEnd().split('\n').length;

    const no = await spawnTerm(['journal', 'dismiss', String(line)]);
    try {
      await no.seen(`mark line ${line} as looked at?`);
      expect(no.text()).toContain('pty-torn');
      no.term.write('n\r');
      expect(await no.exited).toBe(130);
    } finally {
      no.term.kill();
    }
    expect(await readFile(file, 'utf8')).toBe(before);

    const yes = await spawnTerm(['journal', 'dismiss', String(line)]);
    try {
      await yes.seen(`mark line ${line} as looked at?`);
      yes.term.write('y\r');
      expect(await yes.exited).toBe(0);
    } finally {
      yes.term.kill();
    }
    const added = (await readFile(file, 'utf8')).slice(before.length);
    expect(JSON.parse(added)).toMatchObject({ type: 'dismiss', line });
  });
});

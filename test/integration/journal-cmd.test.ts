import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMP_BIN } from '../helpers/cli.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { until } from '../helpers/wait.js';
import { imp, journalOf, paidOrder, sandboxRefunds } from './refund-harness.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox({
    refundDelayMs: 100,
    slowAnswerMs: 4000,
    profile: { http: { timeoutMs: 15_000 } },
  });
});
afterAll(async () => {
  await t?.close();
});

describe('imp journal, pending and resolve', () => {
  it('a process killed right after the journal write leaves a pending entry that resolve settles', async () => {
    const orderno = await paidOrder(t, 2000);
    const file = journalOf(t).file;
    // refund_amt ending in 94: the sandbox records the refund and holds the answer
    const child = spawn(process.execPath, [IMP_BIN, '--yes', 'refund', orderno, '--amount', '1.94'], {
      cwd: t.root,
      env: { ...process.env, ...t.env, NO_COLOR: '1', LANG: 'en_US.UTF-8' },
      stdio: 'ignore',
    });
    const exited = new Promise((r) => child.once('exit', r));
    const begun = await until(
      () => readFile(file, 'utf8').catch(() => ''),
      (text) => text.includes('"type":"begin"') && text.includes(orderno),
      15_000,
    );
    expect(begun).toContain('"txn":"refund"');
    // kill only once the sandbox holds the refund: the case that matters is a refund that
    // happened while its answer never came (killing at the journal line alone races the POST)
    await until(
      () => sandboxRefunds(t, orderno),
      (r) => r.length > 0,
      15_000,
    );
    child.kill('SIGKILL');
    await exited;

    const pending = await imp(t, ['--json', 'journal', 'pending']);
    expect(pending.code).toBe(0);
    const entry = pending.json.entries.find((e: { orderno: string }) => e.orderno === orderno);
    expect(entry).toMatchObject({ txn: 'refund', amount_fen: 194, state: 'unknown', finished: false });

    // the refund reached the sandbox before the kill; resolve must find it, not send another
    const resolved = await until(
      () => imp(t, ['--json', 'journal', 'resolve']),
      (r) =>
        r.json?.entries?.some(
          (e: { refundno: string; after: string }) => e.refundno === entry.refundno && e.after === 'success',
        ),
    );
    expect(resolved.code).toBe(0);
    expect(sandboxRefunds(t, orderno).map((r) => r.refundno)).toEqual([entry.refundno]);
    const [after] = await journalOf(t).find({ refundno: entry.refundno, txn: 'refund' });
    expect(after?.state).toBe('success');
    expect(after?.outcome?.source).toBe('query');

    const none = await imp(t, ['--json', 'journal', 'pending']);
    expect(none.json.entries.some((e: { orderno: string }) => e.orderno === orderno)).toBe(false);
  });

  it('resolve settles a payment whose answer was lost, with the payment query', async () => {
    // amount ending in 05: the order is created and paid, then the connection drops
    const pay = await imp(t, [
      'pay',
      '--amount',
      '1.05',
      '--title',
      't',
      '--desc',
      'd',
      '--return-url',
      'http://127.0.0.1:9/r',
    ]);
    expect(pay.code).toBe(3);
    const orderno = pay.error?.ids.orderno as string;
    const [before] = await journalOf(t).find({ orderno, txn: 'pay' });
    expect(before?.state).toBe('unknown');
    const resolved = await imp(t, ['--json', 'journal', 'resolve']);
    expect(resolved.json.entries).toContainEqual(
      expect.objectContaining({ orderno, txn: 'pay', before: 'unknown', after: 'success' }),
    );
    const [after] = await journalOf(t).find({ orderno, txn: 'pay' });
    expect(after?.state).toBe('success');
  });

  it('imp journal lists the latest entries newest first, as a table and as JSON', async () => {
    const orderno = await paidOrder(t, 3000);
    expect((await imp(t, ['--yes', 'refund', orderno, '--amount', '5.00'])).code).toBe(0);
    const json = await imp(t, ['--json', 'journal', '--limit', '1']);
    expect(json.json.entries).toHaveLength(1);
    expect(json.json.entries[0]).toMatchObject({ txn: 'refund', orderno, amount_fen: 500 });
    const table = await imp(t, ['journal', '--limit', '3']);
    expect(table.stdout).toContain(orderno);
    expect(table.stdout).toContain('5.00');
    expect((await imp(t, ['journal', '--limit', 'x'])).code).toBe(2);
  });
});

import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { until } from '../helpers/wait.js';
import { imp, paidOrder, sandboxRefunds } from './refund-harness.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox({ refundDelayMs: 100, profile: { http: { timeoutMs: 2000 } } });
});
afterAll(async () => {
  await t?.close();
});

const csvRows = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((l) => l.split(','));

describe('imp refund --batch', () => {
  it('refunds every row once, reports per row, and a re-run never sends a row twice', async () => {
    const a = await paidOrder(t, 1000);
    const b = await paidOrder(t, 1000);
    const c = await paidOrder(t, 500);
    const file = path.join(t.root, 'refunds.csv');
    // a twice (two partial refunds of one order, run one after the other), b dropped (93), c over-refunded
    await writeFile(
      file,
      `\uFEFFOrderNo,amount_fen,reason\n${a},300,first\n${b},193,dropped\n${a},400,second\n${c},600,too much\n`,
    );
    const out = path.join(t.root, 'refunds-out.csv');
    const args = ['--json', '--yes', 'refund', '--batch', file, '--out', out, '--concurrency', '3'];
    const first = await imp(t, args);
    expect(first.code).toBe(3);
    expect(first.json).toMatchObject({ rows: 4, total_fen: 1493 });
    expect(first.json.summary.unknown.rows).toBe(1);
    expect(first.json.summary.refused.rows).toBe(1);
    expect(first.json.summary.pending.rows + first.json.summary.success.rows).toBe(2);
    const rows = csvRows(await readFile(out, 'utf8'));
    expect(rows[0]).toEqual([
      'line',
      'orderno',
      'amount_fen',
      'refundno',
      'opertype',
      'outcome',
      'state',
      'status',
      'respcode',
      'respmsg',
      'error',
    ]);
    expect(rows).toHaveLength(5);
    expect(rows.find((r) => r[1] === c)?.[5]).toBe('refused');
    expect(sandboxRefunds(t, a)).toHaveLength(2);
    expect(sandboxRefunds(t, b)).toHaveLength(1);
    expect(sandboxRefunds(t, c)).toHaveLength(0);

    // re-run: the dropped row is only queried, the others are settled; nothing new is sent
    const second = await imp(t, args);
    expect(second.json.summary.unknown.rows).toBe(0);
    expect(sandboxRefunds(t, a)).toHaveLength(2);
    expect(sandboxRefunds(t, b)).toHaveLength(1);

    // once final, rows are skipped outright
    await until(
      () => [...sandboxRefunds(t, a), ...sandboxRefunds(t, b)],
      (all) => all.every((r) => r.status === '0'),
    );
    const settled = await imp(t, args);
    // rows still processing at the second run are asked again; the rest are skipped
    expect(settled.json.summary.success.rows + settled.json.summary.skipped.rows).toBe(3);
    const third = await imp(t, args);
    expect(third.json.summary.skipped.rows).toBe(3);
    expect(third.json.summary.refused.rows).toBe(1);
    expect(third.code).toBe(1);
    expect(sandboxRefunds(t, a)).toHaveLength(2);
  });

  it('checks the whole file before sending anything (exit 2 naming the line)', async () => {
    const a = await paidOrder(t, 1000);
    const file = path.join(t.root, 'bad.csv');
    await writeFile(file, `orderno,amount_fen\n${a},100\n${a},1.50\n`);
    const r = await imp(t, ['--yes', 'refund', '--batch', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad.csv:3: amount_fen');
    expect(sandboxRefunds(t, a)).toHaveLength(0);
    await writeFile(file, `orderno,amount_fen\n${a},100\n${a},250\n`);
    const dry = await imp(t, ['--json', 'refund', '--batch', file, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.json).toMatchObject({ dryRun: true, rows: 2, total_fen: 350 });
    expect(sandboxRefunds(t, a)).toHaveLength(0);
    await writeFile(file, `orderno,amount\n${a},100\n`);
    const header = await imp(t, ['--yes', 'refund', '--batch', file]);
    expect(header.code).toBe(2);
    expect(header.stderr).toContain('unknown column amount');
  });

  it('asks once for the total: without --yes and without a terminal nothing is sent', async () => {
    const a = await paidOrder(t, 1000);
    const file = path.join(t.root, 'ask.csv');
    await writeFile(file, `orderno,amount_fen\n${a},100\n`);
    const r = await imp(t, ['refund', '--batch', file]);
    expect(r.code).toBe(2);
    expect(r.error?.code).toBe('CONFIRM_NEEDED');
    expect(sandboxRefunds(t, a)).toHaveLength(0);
  });
});

describe('imp query --batch', () => {
  it('queries payments and refunds per row, writes JSON results, and skips final rows on a re-run', async () => {
    const a = await paidOrder(t, 1000);
    const b = await paidOrder(t, 2000);
    const refund = await imp(t, ['--json', '--yes', 'refund', a, '--amount', '1.00', '--wait', '10']);
    const refundno = refund.json.refund.refundno as string;
    const file = path.join(t.root, 'queries.csv');
    await writeFile(file, `orderno,refundno\n${a},\n${b},\nimp-no-such-order,\n${a},${refundno}\n`);
    const out = path.join(t.root, 'queries.json');
    const first = await imp(t, ['--json', 'query', '--batch', file, '--out', out]);
    expect(first.code).toBe(1);
    // the refund row is already final in the journal (the refund was waited for): skipped
    expect(first.json.summary).toMatchObject({ success: 2, failure: 1, skipped: 1 });
    const results = JSON.parse(await readFile(out, 'utf8'));
    expect(results).toHaveLength(4);
    expect(results.find((r: { orderno: string }) => r.orderno === b)).toMatchObject({
      outcome: 'success',
      status: '0',
      amount_fen: 2000,
    });
    expect(results.find((r: { refundno?: string }) => r.refundno === refundno)).toMatchObject({
      outcome: 'skipped',
      state: 'success',
    });

    const again = await imp(t, ['--json', 'query', '--batch', file]);
    // a and b paid, the refund refunded, the unknown order answered "no such order": all final
    expect(again.json.summary).toMatchObject({ skipped: 4 });
    expect(again.code).toBe(0);
  });
});

import { writeFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { FileJournalStore } from '../../../src/journal/file-store.js';
import { startTestSandbox, type TestSandbox } from '../../helpers/sandbox.js';
import { imp, journalOf, paidOrder, sandboxRefunds } from '../../integration/refund-harness.js';

// Issue 17: the journal is folded once per refund command. The refund reads it for its book,
// the payment query's settling, each open refund's tradeno and settling: all from one read
// (Journal.view), which follows the lines the command appends. Counted at the store's reads.
let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(async () => {
  await t?.close();
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** How many times the file journal store is read while `fn` runs. */
async function storeReads<T>(fn: () => Promise<T>): Promise<{ reads: number; result: T }> {
  const raw = vi.spyOn(FileJournalStore.prototype, 'rawLines');
  const lines = vi.spyOn(FileJournalStore.prototype, 'lines');
  const result = await fn();
  return { reads: raw.mock.calls.length + lines.mock.calls.length, result };
}

describe('one journal read per refund command', () => {
  it('a new refund: the book and the payment query settling share one read', async () => {
    const orderno = await paidOrder(t, 1000);
    const { reads, result } = await storeReads(() =>
      imp(t, ['--yes', 'refund', orderno, '--amount', '1.00']),
    );
    expect(result.code).toBe(0);
    expect(reads).toBe(1);
    expect(sandboxRefunds(t, orderno)).toHaveLength(1);
  });

  it('an open refund queried, settled as failed, then a new attempt sent: still one read', async () => {
    const orderno = await paidOrder(t, 1000);
    // a refund this platform never received, left open in the journal (a begin line, no outcome)
    await journalOf(t).begin({ txn: 'refund', orderno, refundno: 'RLOST0001', amount: 200 });
    const { reads, result } = await storeReads(() =>
      imp(t, ['--json', '--yes', 'refund', orderno, '--amount', '2.00']),
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.json.refund).toMatchObject({ attempt: 2 });
    expect(reads).toBe(1);
    const entries = await journalOf(t).find({ orderno, txn: 'refund' });
    expect(entries.map((e) => e.state)).toEqual(['failure', expect.stringMatching(/success|pending/)]);
  });

  it('a batch of three rows, one with an open refund to query first: one read', async () => {
    const orders = [await paidOrder(t, 500), await paidOrder(t, 500), await paidOrder(t, 500)];
    await journalOf(t).begin({ txn: 'refund', orderno: orders[1], refundno: 'RLOST0002', amount: 100 });
    const file = `${t.root}/rows.csv`;
    await writeFile(file, `orderno,amount_fen\n${orders.map((o) => `${o},100`).join('\n')}\n`);
    const { reads, result } = await storeReads(() =>
      imp(t, ['--yes', 'refund', '--batch', file, '--retry-failed']),
    );
    expect(result.code, result.stderr).toBe(0);
    expect(reads).toBe(1);
    for (const o of orders) expect(sandboxRefunds(t, o)).toHaveLength(1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { imp, journalOf, paidOrder } from './refund-harness.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox({ refundDelayMs: 50 });
});
afterAll(async () => {
  await t?.close();
});

describe('imp query is journaled like every other request', () => {
  it('the payment query and the refund query each leave their request and outcome in the journal', async () => {
    const orderno = await paidOrder(t, 1000);
    const q = await imp(t, ['--json', 'query', orderno]);
    expect(q.code).toBe(0);
    const [entry] = await journalOf(t).find({ orderno, txn: 'query' });
    expect(entry).toMatchObject({ txn: 'query', orderno, state: 'success', finished: true });
    const r = await imp(t, ['--json', '--yes', 'refund', orderno, '--amount', '1.00']);
    const refundno = r.json.refund.refundno as string;
    expect((await imp(t, ['--json', 'query', '--refund', refundno, '--order', orderno])).code).toBe(0);
    const [rq] = await journalOf(t).find({ orderno, refundno, txn: 'refundquery' });
    expect(rq).toMatchObject({ txn: 'refundquery', finished: true });
  });

  it('a refund query answered "no such refund" (the catalogue code) settles a refund that never reached the platform as failed', async () => {
    const orderno = await paidOrder(t, 1000);
    const j = journalOf(t);
    const o = t.sandbox.order(orderno);
    await j.begin({ txn: 'refund', orderno, refundno: 'RNEVERSENT1', transno: o?.transno, amount: 100 });
    await j.close();
    const r = await imp(t, ['--json', 'refund', '--resume', 'RNEVERSENT1']);
    expect(r.code).toBe(1);
    expect((await j.find({ refundno: 'RNEVERSENT1', txn: 'refund' }))[0]?.state).toBe('failure');
  });
});

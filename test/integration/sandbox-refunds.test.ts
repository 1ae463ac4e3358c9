import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOrderNo, generateRefundNo } from '../../src/protocol/ids.js';
import { RESPCODES } from '../../src/sandbox/respcodes.js';
import { callSandbox, qrOrder, startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { until } from '../helpers/wait.js';

let t: TestSandbox;
let dayShift = 0;
beforeAll(async () => {
  // A movable clock: the void rule depends on the payment's day.
  t = await startTestSandbox({ refundDelayMs: 1500, clock: () => new Date(Date.now() + dayShift) });
});
afterAll(async () => {
  await t?.close();
});

/** A paid order (amount ending in 01: paid at once) and what a refund needs to name it. */
async function paid(amountEndingIn01: number) {
  const orderno = generateOrderNo();
  const a = await callSandbox(t.sandbox, 'qrcode', qrOrder(amountEndingIn01, { orderno }));
  expect(a.fields.status).toBe('0');
  return {
    orderno,
    prv_transno: a.fields.transno ?? '',
    prv_tradeno: a.fields.imp_tradeno ?? '',
    prv_trdate: a.request.trdate ?? '',
    prv_tramt: a.fields.amt_trans ?? '',
  };
}

const refund = (o: Awaited<ReturnType<typeof paid>>, amount: number, more: Record<string, string> = {}) =>
  callSandbox(t.sandbox, 'refund', {
    ...o,
    refundno: generateRefundNo(),
    refund_amt: String(amount),
    opertype: '2',
    ...more,
  });

const rquery = (orderno: string, refundno: string | undefined, prv_transno: string) =>
  callSandbox(t.sandbox, 'refundquery', { orderno, refundno: refundno ?? '', prv_transno });

/** Poll the refund query until its status is final (not 1); the test asserts on the last answer. */
const settled = (orderno: string, refundno: string | undefined, prv_transno: string) =>
  until(
    () => rquery(orderno, refundno, prv_transno),
    (q) => q.fields.status !== '1',
  );

describe('refunds', () => {
  it('partial refunds repeat up to the paid amount; processing 1 → refunded 0; over-refund refused', async () => {
    const o = await paid(1001);
    const r1 = await refund(o, 400);
    expect([r1.valid, r1.fields.respcode, r1.fields.refund_status]).toEqual([true, '00000', '0']);
    const q1 = await rquery(o.orderno, r1.request.refundno, o.prv_transno);
    expect([q1.valid, q1.fields.status, q1.fields.amt_refund]).toEqual([true, '1', '4.00']);
    expect((await settled(o.orderno, r1.request.refundno, o.prv_transno)).fields.status).toBe('0');
    const r2 = await refund(o, 600);
    expect(r2.fields.respcode).toBe('00000');
    const over = await refund(o, 2);
    expect([over.valid, over.fields.respcode]).toEqual([true, RESPCODES.overRefund.code]);
  });

  it('a refundno reused with the same content answers the same refund; with other content it is refused', async () => {
    const o = await paid(501);
    const refundno = generateRefundNo();
    const a = await refund(o, 100, { refundno });
    const b = await refund(o, 100, { refundno });
    expect([b.fields.respcode, b.fields.imp_tradeno]).toEqual(['00000', a.fields.imp_tradeno]);
    const c = await refund(o, 200, { refundno });
    expect([c.valid, c.fields.respcode]).toEqual([true, RESPCODES.duplicateRefund.code]);
    const [one] = [...t.sandbox.state.refunds.values()].filter((r) => r.refundno === refundno);
    expect(one?.amount).toBe(100);
  });

  it('void (opertype 1): full amount on the payment day only', async () => {
    const o = await paid(801);
    const partial = await refund(o, 100, { opertype: '1' });
    expect(partial.fields.respcode).toBe(RESPCODES.voidRule.code);
    const full = await refund(o, 801, { opertype: '1' });
    expect(full.fields.respcode).toBe('00000');
    const next = await paid(701);
    dayShift = 86_400_000;
    try {
      const late = await refund(next, 701, { opertype: '1' });
      expect([late.valid, late.fields.respcode]).toEqual([true, RESPCODES.voidRule.code]);
      expect((await refund(next, 701)).fields.respcode).toBe('00000');
    } finally {
      dayShift = 0;
    }
  });

  it('refusals: unpaid order, unknown order, mismatched original serial', async () => {
    const orderno = generateOrderNo();
    const a = await callSandbox(t.sandbox, 'qrcode', qrOrder(302, { orderno }));
    const unpaid = {
      orderno,
      prv_transno: a.fields.transno ?? '',
      prv_tradeno: a.fields.imp_tradeno ?? '',
      prv_trdate: a.request.trdate ?? '',
      prv_tramt: '302',
    };
    expect((await refund(unpaid, 100)).fields.respcode).toBe(RESPCODES.notPaid.code);
    const ghost = { ...unpaid, orderno: 'ghost', prv_transno: 'IMPnone' };
    expect((await refund(ghost, 100)).fields.respcode).toBe(RESPCODES.noOrder.code);
    const o = await paid(401);
    expect((await refund({ ...o, prv_tradeno: 'T0' }, 100)).fields.respcode).toBe(RESPCODES.mismatch.code);
    const nq = await rquery(o.orderno, 'nosuchrefund', o.prv_transno);
    expect([nq.valid, nq.fields.respcode]).toEqual([true, RESPCODES.noRefund.code]);
  });

  it('triggers: 91 fails and releases the amount, 92 stays processing, 93 drops after recording, 95 answers 500 without recording', async () => {
    const o = await paid(1001);
    const f = await refund(o, 991);
    expect((await settled(o.orderno, f.request.refundno, o.prv_transno)).fields.status).toBe('4');
    const p = await refund(o, 2 + 90); // 92
    // a plain refund sent after it settles first: the refund delay has passed for 92 too,
    // and a "processing" refund never moves on its own (a fixed 300 ms sleep proved nothing
    // against the 1500 ms delay)
    const plain = await refund(o, 100);
    expect((await settled(o.orderno, plain.request.refundno, o.prv_transno)).fields.status).toBe('0');
    expect((await rquery(o.orderno, p.request.refundno, o.prv_transno)).fields.status).toBe('1');
    const refundno = generateRefundNo();
    await expect(refund(o, 93, { refundno })).rejects.toThrow();
    expect((await rquery(o.orderno, refundno, o.prv_transno)).fields.respcode).toBe('00000');
    const five = await refund(o, 95);
    expect(five.status).toBe(500);
    expect((await rquery(o.orderno, five.request.refundno, o.prv_transno)).fields.respcode).toBe(
      RESPCODES.noRefund.code,
    );
  });
});

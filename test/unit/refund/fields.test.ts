import { describe, expect, it } from 'vitest';
import { REFUND } from '../../../src/catalogue/txn-refund.js';
import { buildRequest } from '../../../src/protocol/build-request.js';
import { validateFields } from '../../../src/protocol/validate.js';
import type { RefundPlan } from '../../../src/refund/decide.js';
import { refundFields } from '../../../src/refund/fields.js';
import { deriveRefundNo } from '../../../src/refund/identity.js';

const refundno = deriveRefundNo({ busino: 'B1', orderno: 'O1', amount: 30, ordinal: 1 }, 1);
const plan: RefundPlan = {
  kind: 'plan',
  orderno: 'O1',
  refundno,
  amount: 30,
  opertype: '2',
  reason: '客户退款',
  payment: { orderno: 'O1', transno: 'T1', tradeno: 'P1', date: '20261203', amount: 100 },
  already: 0,
  busino: 'B1',
  ordinal: 1,
  attempt: 1,
  decision: { kind: 'new', ordinal: 1, attempt: 1, why: 'first' },
  checks: [],
};

describe('refundFields: the refund wire fields from a plan', () => {
  it('values the refund request fields of the catalogue, in its order, amounts in 分', () => {
    const fields = refundFields(plan);
    expect(fields).toEqual({
      orderno: 'O1',
      refundno,
      prv_transno: 'T1',
      prv_tradeno: 'P1',
      prv_trdate: '20261203',
      prv_tramt: '100',
      opertype: '2',
      refund_reason: '客户退款',
      refund_amt: '30',
    });
    const order = REFUND.request.map((f) => f.name);
    const keys = Object.keys(fields);
    expect(keys.map((k) => order.indexOf(k))).toEqual(
      [...keys.map((k) => order.indexOf(k))].sort((a, b) => a - b),
    );
    expect(keys.every((k) => order.includes(k))).toBe(true);
  });

  it('leaves the reason out when none was given; a void is opertype 1', () => {
    const { reason: _reason, ...bare } = plan;
    const fields = refundFields({ ...bare, opertype: '1', amount: 100 });
    expect(fields).not.toHaveProperty('refund_reason');
    expect(fields).toMatchObject({ opertype: '1', refund_amt: '100', prv_tramt: '100' });
  });

  it('with the header the pipeline adds, the request passes the catalogue checks (nothing missing or malformed)', () => {
    const request = buildRequest(REFUND, { busino: '800000000000001' }, refundFields(plan));
    expect(validateFields(request, REFUND.request)).toEqual([]);
    // without the plan's fields it would not: the check can fail
    expect(
      validateFields(buildRequest(REFUND, { busino: '800000000000001' }, {}), REFUND.request),
    ).not.toEqual([]);
  });
});

import { REFUND } from '../catalogue/txn-refund.js';
import type { Fields } from '../protocol/signer.js';
import type { RefundPlan } from './decide.js';

/**
 * The refund's own wire fields (spec 2.6.3), before the header and signature the pipeline adds:
 * the catalogue's refund request fields, in its order, each valued from the plan (the payment's
 * prv_* values, opertype, amount in 分, the refund number, the reason when given).
 */
export function refundFields(plan: RefundPlan): Fields {
  const values: Record<string, string | undefined> = {
    orderno: plan.orderno,
    refundno: plan.refundno,
    prv_transno: plan.payment.transno,
    prv_tradeno: plan.payment.tradeno,
    prv_trdate: plan.payment.date,
    prv_tramt: String(plan.payment.amount),
    opertype: plan.opertype,
    refund_amt: String(plan.amount),
    refund_reason: plan.reason || undefined,
  };
  const fields: Fields = {};
  for (const f of REFUND.request) {
    const v = values[f.name];
    if (v !== undefined) fields[f.name] = v;
  }
  return fields;
}

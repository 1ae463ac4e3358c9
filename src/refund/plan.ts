import type { TxnSession } from '../txn/session.js';
import type { RefundBook } from './book.js';
import { decideRefund, type RefundPlan, type RefundRequest } from './decide.js';
import { gatherRefundFacts } from './facts.js';
import { isRefusal } from './refusal.js';
import { refusalError } from './refusal-error.js';

export type { RefundPlan, RefundRequest } from './decide.js';
export { resumeHints } from './refusal-error.js';

/**
 * A refund's plan: its facts gathered ({@link gatherRefundFacts}: the journal, the payment, the
 * refund queries of open refunds), then decided ({@link decideRefund}: pure, every safety rule).
 * A refusal is thrown as its error (refusal-error.ts), naming the rule, nothing sent.
 */
export async function planRefund(
  session: TxnSession,
  book: RefundBook,
  req: RefundRequest,
  opts: { settlePayment?: boolean; now?: Date } = {},
): Promise<RefundPlan> {
  const warnDamaged = () => book.warnDamaged(session.out, session.imp);
  const facts = await gatherRefundFacts(session, book, req, { ...opts, warnDamaged });
  const decided = decideRefund(facts, req, opts.now ?? new Date());
  if (isRefusal(decided))
    throw refusalError(session, book.file, { orderno: req.orderno, refundno: req.refundno }, decided);
  return decided;
}

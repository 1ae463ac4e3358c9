import { isFinalState } from '../journal/index.js';
import { queryPayment } from '../txn/queries.js';
import type { TxnSession } from '../txn/session.js';
import { type BookEntry, type RefundBook, syncOrder } from './book.js';
import { journalRule, paymentRule, type RefundFacts, type RefundRequest } from './decide.js';
import { givenInFull, type PaymentFacts } from './payment.js';
import { isRefusal } from './refusal.js';

/**
 * Everything {@link decideRefund} needs, read and asked for (all of a refund's I/O before it is
 * sent), in the order the rules need it:
 * 1. the journal (the refund book, read once per command): damaged lines that may record a
 *    refund of this order or refund number, and the refund the given refund number names;
 *    if a rule refuses on these, nothing is asked (not even the payment query); otherwise
 *    `warnDamaged` is called (unrelated damage only warns, before any answer is printed);
 * 2. the payment: the given prv_* values, or the payment query (its answer settles the
 *    journal's payment entries unless `settlePayment: false`); if the payment refuses, stop;
 * 3. the refund query of each refund of the order that is not final (answers recorded in the
 *    journal and the book), and the order's refunds as they then stand.
 * Errors of the requests themselves (no answer, bad signature, not sent) are thrown as they are.
 */
export async function gatherRefundFacts(
  session: TxnSession,
  book: RefundBook,
  req: RefundRequest,
  opts: { settlePayment?: boolean; warnDamaged?: () => void } = {},
): Promise<RefundFacts> {
  const used = req.refundno ? book.refund(req.refundno) : undefined;
  const facts: RefundFacts = {
    busino: session.profile.busino,
    damaged: book.damagedMentioning(req.orderno, req.refundno),
    ...(used ? { used: copy(used) } : {}),
    openBefore: [],
    refunds: [],
    checks: [],
  };
  if (facts.damaged.length > 0) return facts;
  // unrelated damage only warns (before the first request, so it is read before any answer)
  opts.warnDamaged?.();
  if (journalRule(facts, req)) return facts;

  facts.payment = await paymentFacts(session, req, opts.settlePayment ?? true);
  const paid = paymentRule(facts.payment, req);
  if (isRefusal(paid)) return facts;

  facts.openBefore = book
    .of(req.orderno)
    .filter((e) => !isFinalState(e.state))
    .map((e) => e.id);
  facts.checks = await syncOrder(session, book, req.orderno, paid.payment.transno);
  facts.refunds = book.of(req.orderno).map(copy);
  return facts;
}

/** The given prv_* values when all are there, else the payment query's answer. */
async function paymentFacts(session: TxnSession, req: RefundRequest, settle: boolean): Promise<PaymentFacts> {
  const given = req.given ?? {};
  const full = givenInFull(given);
  if (full) return full;
  const query = await queryPayment(session, { orderno: req.orderno, transno: given.transno }, { settle });
  return { source: 'query', query, given };
}

/** A snapshot: the book's entries follow later answers, the facts stay as gathered. */
const copy = (e: BookEntry): BookEntry => ({ ...e });

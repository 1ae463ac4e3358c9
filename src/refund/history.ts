import type { Fen } from '../core/money.js';
import type { JournalEntry } from '../journal/index.js';

/** The fields of a journaled refund the rules look at. */
export type RefundLike = Pick<JournalEntry, 'txn' | 'at' | 'amount' | 'state' | 'refundno' | 'orderno'>;

/**
 * What the journal knows about the refunds of one order, after the refund
 * queries of the non-final ones have been recorded.
 */
export interface RefundHistory<E extends RefundLike = RefundLike> {
  /** Refund entries of the order (txn `refund`), oldest first. */
  refunds: E[];
  /** Refunded for good (refund query status 0). */
  succeeded: Fen;
  /** Accepted by the platform but not final yet (refund_status 0/1/9): counted as refunded. */
  inProgress: Fen;
  /** Sent, no trustworthy answer: may have happened. */
  unknown: E[];
}

export function summarizeRefunds<E extends RefundLike>(refunds: readonly E[]): RefundHistory<E> {
  let succeeded = 0;
  let inProgress = 0;
  const unknown: E[] = [];
  for (const e of refunds) {
    const amount = e.amount ?? 0;
    if (e.state === 'success') succeeded += amount;
    else if (e.state === 'pending') inProgress += amount;
    else if (e.state === 'unknown') unknown.push(e);
  }
  return { refunds: [...refunds], succeeded, inProgress, unknown };
}

/**
 * What counts against the paid amount: refunded, in progress, and (to stay on the
 * safe side) anything whose outcome is unknown.
 */
export function alreadyRefunded(h: RefundHistory): Fen {
  return h.succeeded + h.inProgress + h.unknown.reduce((n, e) => n + (e.amount ?? 0), 0);
}

import type { Fen } from '../core/money.js';
import type { JournalEntry } from '../journal/index.js';

/** Two refunds of the same order and amount closer than this ask again (issue 4). */
export const DUPLICATE_WINDOW_MS = 10 * 60 * 1000;

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

/** A refund of the same order and amount, not failed, within the last 10 minutes. */
export function recentDuplicate<E extends RefundLike>(
  h: RefundHistory<E>,
  amount: Fen,
  now = Date.now(),
): E | undefined {
  return h.refunds
    .filter((e) => e.state !== 'failure' && e.amount === amount)
    .reverse()
    .find((e) => now - Date.parse(e.at) < DUPLICATE_WINDOW_MS);
}

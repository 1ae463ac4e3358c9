import { createHash } from 'node:crypto';
import type { Fen } from '../core/money.js';
import type { JournalState } from '../journal/index.js';

/**
 * What the operator means by a refund, whenever and wherever it is typed: the merchant
 * (the profile's busino), the order, the amount in 分, and the ordinal: which refund of this order
 * and amount it is (1 = the first; each `--again` adds one). Time, line numbers and refund
 * numbers are not part of it.
 */
export interface RefundIdentity {
  busino: string;
  orderno: string;
  amount: Fen;
  ordinal: number;
}

/** Prefix and version of derived refund numbers (a new derivation gets a new version letter). */
const PREFIX = 'R1';
const HEX_DIGITS = 24;

/**
 * The refund number imp derives when the operator gives none:
 * `R1` + the first 24 hex digits of SHA-256(`imp-refund|<busino>|<orderno>|<amount 分>|<ordinal>|<attempt>`),
 * 26 characters (the spec's limit is 30 bytes). The same identity and attempt always give the
 * same number, so even without the journal the platform's own duplicate-refundno rule refuses a
 * second refund of it. `attempt` starts at 1 and goes up by one only after an attempt failed for
 * certain (nothing was refunded), so a new attempt never reuses a number the platform has seen.
 */
export function deriveRefundNo(id: RefundIdentity, attempt: number): string {
  const text = [
    'imp-refund',
    id.busino,
    id.orderno,
    String(id.amount),
    String(id.ordinal),
    String(attempt),
  ].join('|');
  return `${PREFIX}${createHash('sha256').update(text, 'utf8').digest('hex').slice(0, HEX_DIGITS).toUpperCase()}`;
}

/** The identity fields of a journaled refund (older lines have none: ordinal 1, attempt 1). */
export interface IdentityFields {
  amount?: Fen;
  ordinal?: number;
  attempt?: number;
  state: JournalState;
}

export const ordinalOf = (e: Pick<IdentityFields, 'ordinal'>): number => e.ordinal ?? 1;
export const attemptOf = (e: Pick<IdentityFields, 'attempt'>): number => e.attempt ?? 1;

/**
 * The attempt number for `ordinal`: one more than the attempts at it that failed for certain.
 * An attempt that was never sent (`not_sent`) gets its number again: the platform never saw it.
 */
export function nextAttempt(entries: readonly IdentityFields[], ordinal: number): number {
  let attempt = 1;
  for (const e of entries) {
    if (ordinalOf(e) === ordinal && e.state === 'failure') attempt = Math.max(attempt, attemptOf(e) + 1);
  }
  return attempt;
}

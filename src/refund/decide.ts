import type { BookEntry } from './book.js';
import { nextAttempt, ordinalOf } from './identity.js';

/**
 * What a refund command means, given the journal's refunds of the same order and amount
 * (after the refund queries of the open ones were recorded):
 * - `new`: send a refund with this ordinal and attempt (the first one; a new attempt after one
 *   that failed for certain, `earlier`; or the next ordinal under `--again`);
 * - `resumed`: the command was run before and that refund was still open when this run started;
 *   its answer is now recorded: report it, send nothing;
 * - `again-needed`: a refund of the same order and amount exists (`earlier`): only `--again` (or
 *   a confirmation that names it) sends another, as `ordinal`/`attempt`.
 */
export type RefundDecision =
  | {
      kind: 'new';
      ordinal: number;
      attempt: number;
      earlier?: BookEntry;
      why: 'first' | 'after-failure' | 'again';
    }
  | { kind: 'resumed'; entry: BookEntry }
  | { kind: 'again-needed'; earlier: BookEntry; ordinal: number; attempt: number };

/**
 * Decide (see {@link RefundDecision}). `same`: the journal's refunds of this order and amount,
 * oldest first; `openBefore`: ids of those that were not final when this run started; `again`:
 * the operator asked for another refund of the same order and amount on purpose.
 */
export function decideRefund(
  same: readonly BookEntry[],
  openBefore: ReadonlySet<string>,
  again: boolean,
): RefundDecision {
  // a refund that was never sent leaves no trace on the platform: as if it had not been asked
  const sent = same.filter((e) => e.state !== 'not_sent');
  if (sent.length === 0) return { kind: 'new', ordinal: 1, attempt: nextAttempt(same, 1), why: 'first' };
  const top = Math.max(...sent.map(ordinalOf));
  const latest = sent.filter((e) => ordinalOf(e) === top).at(-1) as BookEntry;
  if (latest.state === 'failure') {
    const attempt = nextAttempt(same, top);
    const live = sent.filter((e) => e.state !== 'failure').at(-1);
    // the failed one was itself a second (or later) refund: re-trying it is a second refund too
    if (top > 1 && !again && live) return { kind: 'again-needed', earlier: live, ordinal: top, attempt };
    return { kind: 'new', ordinal: top, attempt, earlier: latest, why: 'after-failure' };
  }
  if (openBefore.has(latest.id)) return { kind: 'resumed', entry: latest };
  const ordinal = top + 1;
  const attempt = nextAttempt(same, ordinal);
  if (again) return { kind: 'new', ordinal, attempt, earlier: latest, why: 'again' };
  return { kind: 'again-needed', earlier: latest, ordinal, attempt };
}

/** A batch row's decision when the row says which refund it is (its ordinal): see {@link decideRow}. */
export type RowDecision = RefundDecision | { kind: 'done'; entry: BookEntry };

/**
 * A batch row names its refund's identity outright (order, amount, ordinal from the `again`
 * column, 1 when absent), so a re-run matches it whatever line it moved to:
 * - no refund of that identity sent yet → `new` (attempt 1, or the attempt a `not_sent` one had);
 * - one open when this run started, answered now → `resumed`;
 * - one final already (refunded, or failed without `--retry-failed`) → `done` (skipped);
 * - the latest failed for certain and `retryFailed` → `new` under the next attempt's number.
 */
export function decideRow(
  same: readonly BookEntry[],
  ordinal: number,
  openBefore: ReadonlySet<string>,
  retryFailed: boolean,
): RowDecision {
  const mine = same.filter((e) => ordinalOf(e) === ordinal);
  const latest = mine.filter((e) => e.state !== 'not_sent').at(-1);
  if (!latest) return { kind: 'new', ordinal, attempt: nextAttempt(same, ordinal), why: 'first' };
  if (latest.state === 'failure') {
    if (!retryFailed) return { kind: 'done', entry: latest };
    return {
      kind: 'new',
      ordinal,
      attempt: nextAttempt(same, ordinal),
      earlier: latest,
      why: 'after-failure',
    };
  }
  return openBefore.has(latest.id) ? { kind: 'resumed', entry: latest } : { kind: 'done', entry: latest };
}

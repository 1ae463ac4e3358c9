import type { Fen } from '../core/money.js';
import { cstParts } from '../core/time.js';
import type { DamagedLine } from '../journal/index.js';
import type { BookEntry, RefundCheck } from './book.js';
import { alreadyRefunded, summarizeRefunds } from './history.js';
import { deriveRefundNo, nextAttempt, ordinalOf } from './identity.js';
import { type GivenPayment, type PaidOrder, type PaymentFacts, paidRule } from './payment.js';
import { isRefusal, type RefundRefusal, refuse } from './refusal.js';

/** What the operator asked for. */
export interface RefundRequest {
  orderno: string;
  /** In 分; omitted only with `void` (the whole paid amount). */
  amount?: Fen;
  reason?: string;
  /** opertype 1 (same-day full void) instead of 2. */
  void?: boolean;
  refundno?: string;
  given?: GivenPayment;
  extras?: readonly string[];
  /** `--again`: another refund of the same order and amount, on purpose. */
  again?: boolean;
  /** `--yes` and not a dry run: no one is asked, so a second refund needs `--again`. */
  unattended?: boolean;
  /** A batch row's ordinal (its `again` column): the identity is given, not inferred (decideRow). */
  ordinal?: number;
  /** With {@link ordinal}: send again a refund of that identity that failed for certain. */
  retryFailed?: boolean;
}

/**
 * Everything the refund rules look at, gathered by gatherRefundFacts (facts.ts): plain data.
 * When a rule that needs no request refuses (damaged journal, refund number used), or the payment
 * refuses, gathering stops there and the later facts stay empty.
 */
export interface RefundFacts {
  /** The profile's busino (part of the refund's identity). */
  busino: string;
  /** Unreadable journal lines that may record a refund of this order or refund number. */
  damaged: DamagedLine[];
  /** The journal's refund with the given refund number, as read before any query. */
  used?: BookEntry;
  /** The payment (absent when a journal rule refused before any request). */
  payment?: PaymentFacts;
  /** Ids of the order's refunds that were not final before the refund queries. */
  openBefore: string[];
  /** The order's refunds after the refund queries of the open ones were recorded, oldest first. */
  refunds: BookEntry[];
  /** What those refund queries said. */
  checks: RefundCheck[];
}

/**
 * What a refund command means, given the journal's refunds of the same order and amount:
 * - `new`: send a refund with this ordinal and attempt (the first one; a new attempt after one
 *   that failed for certain, `earlier`; or the next ordinal under `--again`);
 * - `resumed`: the command was run before and that refund was still open when this run started;
 *   its answer is now recorded: report it, send nothing;
 * - `again-needed`: a refund of the same order and amount exists (`earlier`): only `--again` (or
 *   a confirmation that names it) sends another, as `ordinal`/`attempt`;
 * - `done` (batch rows only): the row's refund is final already; nothing is sent.
 */
export type RowDecision =
  | {
      kind: 'new';
      ordinal: number;
      attempt: number;
      earlier?: BookEntry;
      why: 'first' | 'after-failure' | 'again';
    }
  | { kind: 'resumed'; entry: BookEntry }
  | { kind: 'again-needed'; earlier: BookEntry; ordinal: number; attempt: number }
  | { kind: 'done'; entry: BookEntry };

/** A single refund's decision (never `done`). */
export type RefundDecision = Exclude<RowDecision, { kind: 'done' }>;

/** A refund that passed every safety rule, ready to confirm and send (or an earlier one resumed). */
export interface RefundPlan {
  kind: 'plan';
  orderno: string;
  refundno: string;
  amount: Fen;
  opertype: '1' | '2';
  reason?: string;
  payment: PaidOrder;
  /** Refunded, in progress or unknown before this one. */
  already: Fen;
  /** The refund's identity (with the profile's busino) and attempt: see identity.ts. */
  busino: string;
  ordinal: number;
  attempt: number;
  /** How the journal's refunds of the same order and amount decided this one. */
  decision: RowDecision;
  /** What the refund queries said about earlier refunds of the order. */
  checks: RefundCheck[];
}

/**
 * The rules that need no request, checked before any is made (even the payment query):
 * 0. no unreadable journal line may mention the order or the refund number (not overridden by
 *    `--again`: the history may be missing a refund);
 * 1. a given refund number must be new, or be the earlier refund of this same order and amount.
 */
export function journalRule(facts: Pick<RefundFacts, 'damaged' | 'used'>, req: RefundRequest) {
  if (facts.damaged.length > 0) return refuse('JOURNAL_DAMAGED', { lines: facts.damaged });
  return refundnoRule(facts.used, req);
}

/** Rule 1 (a batch row checks it too, before anything else). */
export function refundnoRule(
  used: BookEntry | undefined,
  req: Pick<RefundRequest, 'orderno' | 'amount' | 'refundno'>,
): RefundRefusal | undefined {
  if (
    used &&
    req.refundno &&
    (used.orderno !== req.orderno || (req.amount !== undefined && used.amount !== req.amount))
  )
    return refuse('REFUNDNO_USED', { refundno: req.refundno, used });
  return undefined;
}

/** Rule 2: the payment is paid, and the amount is known (`--void` alone takes the whole paid amount). */
export function paymentRule(
  payment: PaymentFacts,
  req: RefundRequest,
): { payment: PaidOrder; amount: Fen } | RefundRefusal {
  const paid = paidRule(payment, req.orderno);
  if (isRefusal(paid)) return paid;
  const amount = req.amount ?? (req.void ? paid.amount : undefined);
  if (amount === undefined) return refuse('AMOUNT_REQUIRED', {});
  return { payment: paid, amount };
}

/**
 * Decide a refund from its facts. Pure: no I/O, no clock (`now` is given), no text. The rules, in
 * this order (the first that refuses gives the refusal):
 * 0–1. {@link journalRule}; 2. {@link paymentRule};
 * 3. no refund of the order may still have an unknown outcome (after the refund queries);
 * 4. the refund's identity decides ({@link decideIdentity}, or {@link decideRow} for a batch row):
 *    the earlier refund resumed, a new one, or `--again` needed; a given refund number that
 *    belongs to an earlier refund is not reused for a new one;
 * 5. this refund + already refunded (success, in progress, unknown) ≤ paid;
 * 6. `--void` only for the whole amount, nothing refunded yet, on the payment's day in Asia/Shanghai;
 * 7. a second refund of the same order and amount without `--again`, with no one to ask.
 */
export function decideRefund(facts: RefundFacts, req: RefundRequest, now: Date): RefundPlan | RefundRefusal {
  const early = journalRule(facts, req);
  if (early) return early;
  if (!facts.payment) throw new Error('refund facts without the payment: gathering stopped with no refusal');
  const paid = paymentRule(facts.payment, req);
  if (isRefusal(paid)) return paid;
  const { payment, amount } = paid;
  const history = summarizeRefunds(facts.refunds);
  const unknown = history.unknown[0];
  if (unknown) return refuse('REFUND_UNRESOLVED', { amount, unknown, same: unknown.amount === amount });

  const same = facts.refunds.filter((e) => e.amount === amount);
  const openBefore = new Set(facts.openBefore);
  const decision: RowDecision =
    req.ordinal === undefined
      ? decideIdentity(same, openBefore, !!req.again)
      : decideRow(same, req.ordinal, openBefore, !!req.retryFailed);
  const earlier = 'entry' in decision ? decision.entry : undefined;
  const ordinal = earlier ? ordinalOf(earlier) : (decision as { ordinal: number }).ordinal;
  const attempt = earlier ? (earlier.attempt ?? 1) : (decision as { attempt: number }).attempt;
  const refundno = earlier
    ? (earlier.refundno as string)
    : (req.refundno ??
      deriveRefundNo({ busino: facts.busino, orderno: req.orderno, amount, ordinal }, attempt));
  if (!earlier && facts.used) {
    // the earlier refund under this number: as the refund queries left it
    const used = facts.refunds.find((e) => e.id === facts.used?.id) ?? facts.used;
    return refuse('REFUNDNO_USED', { refundno, used });
  }
  const already = alreadyRefunded(history);
  if (!earlier) {
    const limit = limitRule(req, amount, already, payment, now);
    if (limit) return limit;
  }
  if (decision.kind === 'again-needed' && !req.again && req.unattended)
    return refuse('DUPLICATE_REFUND', { amount, earlier: decision.earlier });
  return {
    kind: 'plan',
    orderno: req.orderno,
    refundno,
    amount,
    opertype: req.void ? '1' : '2',
    ...(req.reason ? { reason: req.reason } : {}),
    payment,
    already,
    busino: facts.busino,
    ordinal,
    attempt,
    decision,
    checks: facts.checks,
  };
}

/** Rules 5 and 6: the amount left, and the void rule. */
function limitRule(
  req: RefundRequest,
  amount: Fen,
  already: Fen,
  payment: PaidOrder,
  now: Date,
): RefundRefusal | undefined {
  if (already + amount > payment.amount) {
    const refundable = Math.max(0, payment.amount - already);
    return refuse('OVER_REFUND', { paid: payment.amount, already, amount, refundable });
  }
  if (!req.void) return undefined;
  if (amount !== payment.amount || already > 0)
    return refuse('VOID_RULE', { why: 'not-whole', paidOn: payment.date });
  const today = cstParts(now).date;
  if (payment.date !== today) return refuse('VOID_RULE', { why: 'not-today', paidOn: payment.date, today });
  return undefined;
}

/**
 * Which refund of this order and amount a command means, and what to do with it (see
 * {@link RowDecision}). `same`: the journal's refunds of this order and amount, oldest first;
 * `openBefore`: ids of those that were not final when this run started; `again`: the operator
 * asked for another refund of the same order and amount on purpose. The command names no
 * ordinal: it means the latest one (or, with `again`, the next).
 */
export function decideIdentity(
  same: readonly BookEntry[],
  openBefore: ReadonlySet<string>,
  again: boolean,
): RefundDecision {
  // a refund that was never sent leaves no trace on the platform: as if it had not been asked
  const sent = same.filter((e) => e.state !== 'not_sent');
  const top = sent.length === 0 ? 1 : Math.max(...sent.map(ordinalOf));
  const latest = latestOf(same, top);
  if (!latest) return { kind: 'new', ordinal: 1, attempt: nextAttempt(same, 1), why: 'first' };
  if (latest.state === 'failure') {
    const live = sent.filter((e) => e.state !== 'failure').at(-1);
    // the failed one was itself a second (or later) refund: re-trying it is a second refund too
    if (top > 1 && !again && live)
      return { kind: 'again-needed', earlier: live, ordinal: top, attempt: nextAttempt(same, top) };
    return afterFailure(same, top, latest);
  }
  if (openBefore.has(latest.id)) return { kind: 'resumed', entry: latest };
  const ordinal = top + 1;
  const attempt = nextAttempt(same, ordinal);
  if (again) return { kind: 'new', ordinal, attempt, earlier: latest, why: 'again' };
  return { kind: 'again-needed', earlier: latest, ordinal, attempt };
}

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
  const latest = latestOf(same, ordinal);
  if (!latest) return { kind: 'new', ordinal, attempt: nextAttempt(same, ordinal), why: 'first' };
  if (latest.state === 'failure')
    return retryFailed ? afterFailure(same, ordinal, latest) : { kind: 'done', entry: latest };
  return openBefore.has(latest.id) ? { kind: 'resumed', entry: latest } : { kind: 'done', entry: latest };
}

/** The latest refund of this ordinal that was sent (a `not_sent` one never reached the platform). */
function latestOf(same: readonly BookEntry[], ordinal: number): BookEntry | undefined {
  return same.filter((e) => ordinalOf(e) === ordinal && e.state !== 'not_sent').at(-1);
}

/** The refund of this ordinal failed for certain (nothing refunded): a new attempt, under a new number. */
function afterFailure(same: readonly BookEntry[], ordinal: number, failed: BookEntry): RefundDecision {
  return { kind: 'new', ordinal, attempt: nextAttempt(same, ordinal), earlier: failed, why: 'after-failure' };
}

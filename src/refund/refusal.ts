import type { Fen } from '../core/money.js';
import type { DamagedLine } from '../journal/index.js';
import type { Text } from '../output/i18n.js';
import type { BookEntry } from './book.js';

/**
 * Why a refund is refused, as data: a code (the `ImpError` code the refusal becomes, see
 * refusal-error.ts) and what the message needs. {@link decideRefund} returns one; the command
 * turns it into its error (text, exit code, hints). Each code is one rule:
 * - `JOURNAL_DAMAGED`: unreadable journal lines may record a refund of this order (exit 2);
 * - `REFUNDNO_USED`: the given refund number is another refund's, or its refund failed (exit 2);
 * - `PAYMENT_DATE_INVALID`: a given prv_trdate is not yyyyMMdd (exit 2);
 * - `PAYMENT_NOT_FOUND`: the payment query answered an error (exit 1);
 * - `NOT_PAID`: the payment is not paid (exit 1);
 * - `PAYMENT_INCOMPLETE`: the payment query's answer lacks a prv_* value (exit 2);
 * - `AMOUNT_REQUIRED`: no amount, and not `--void` (exit 2);
 * - `REFUND_UNRESOLVED`: a refund of the order still has an unknown outcome (exit 3 when it is
 *   this same refund, else 1);
 * - `OVER_REFUND`: the amount is beyond what is left to refund (exit 1);
 * - `VOID_RULE`: `--void` not for the whole amount, after a refund, or not on the payment's day (exit 2);
 * - `DUPLICATE_REFUND`: a refund of the same order and amount exists, and no one to ask (`--yes`)
 *   without `--again` (exit 2).
 */
export type RefundRefusal =
  | { kind: 'refusal'; code: 'JOURNAL_DAMAGED'; params: { lines: DamagedLine[] } }
  | { kind: 'refusal'; code: 'REFUNDNO_USED'; params: { refundno: string; used: BookEntry } }
  | { kind: 'refusal'; code: 'PAYMENT_DATE_INVALID'; params: { date: string } }
  | { kind: 'refusal'; code: 'PAYMENT_NOT_FOUND'; params: { respcode?: string; respmsg?: string } }
  | {
      kind: 'refusal';
      code: 'NOT_PAID';
      params: { status?: string; state: string; label?: Text };
    }
  | { kind: 'refusal'; code: 'PAYMENT_INCOMPLETE'; params: { missing: string[] } }
  | { kind: 'refusal'; code: 'AMOUNT_REQUIRED'; params: Record<string, never> }
  | {
      kind: 'refusal';
      code: 'REFUND_UNRESOLVED';
      params: { amount: Fen; unknown: BookEntry; same: boolean };
    }
  | {
      kind: 'refusal';
      code: 'OVER_REFUND';
      params: { paid: Fen; already: Fen; amount: Fen; refundable: Fen };
    }
  | {
      kind: 'refusal';
      code: 'VOID_RULE';
      params: { why: 'not-whole'; paidOn: string } | { why: 'not-today'; paidOn: string; today: string };
    }
  | { kind: 'refusal'; code: 'DUPLICATE_REFUND'; params: { amount: Fen; earlier: BookEntry } };

export type RefusalCode = RefundRefusal['code'];

/** Every refusal code, for tests that want each one covered. */
export const REFUSAL_CODES = [
  'JOURNAL_DAMAGED',
  'REFUNDNO_USED',
  'PAYMENT_DATE_INVALID',
  'PAYMENT_NOT_FOUND',
  'NOT_PAID',
  'PAYMENT_INCOMPLETE',
  'AMOUNT_REQUIRED',
  'REFUND_UNRESOLVED',
  'OVER_REFUND',
  'VOID_RULE',
  'DUPLICATE_REFUND',
] as const satisfies readonly RefusalCode[];

/** A refusal (typed by its code). */
export function refuse<C extends RefusalCode>(
  code: C,
  params: Extract<RefundRefusal, { code: C }>['params'],
): RefundRefusal {
  return { kind: 'refusal', code, params } as RefundRefusal;
}

export function isRefusal(x: unknown): x is RefundRefusal {
  return typeof x === 'object' && x !== null && (x as { kind?: unknown }).kind === 'refusal';
}

// every code is in REFUSAL_CODES (a test walks them)
const _complete: [Exclude<RefusalCode, (typeof REFUSAL_CODES)[number]>] extends [never] ? true : false = true;
void _complete;

import { type Fen, parseFen } from '../core/money.js';
import { isYmd } from '../core/time.js';
import type { TxnOutcome } from '../txn/types.js';
import { type RefundRefusal, refuse } from './refusal.js';

/** What a refund must know about the payment it refunds (spec 2.6.3 prv_* fields). */
export interface PaidOrder {
  orderno: string;
  /** IMP order number (prv_transno). */
  transno: string;
  /** IMP payment serial (prv_tradeno). */
  tradeno: string;
  /** The payment's day, yyyyMMdd (prv_trdate; the void rule compares it with today in Asia/Shanghai). */
  date: string;
  /** Paid amount in 分 (prv_tramt). */
  amount: Fen;
  /** The payment query's answer, when one was asked. */
  query?: TxnOutcome;
}

/** Given on the command line: `--transno` and `--field prv_tradeno=… prv_trdate=… prv_tramt=…`. */
export interface GivenPayment {
  transno?: string;
  tradeno?: string;
  date?: string;
  amount?: string;
}

/**
 * What is known of the payment: every prv_* value given on the command line (the platform then
 * checks them; no query is asked), or the payment query's answer (with what was given).
 */
export type PaymentFacts =
  | { source: 'given'; transno: string; tradeno: string; date: string; amount: Fen }
  | { source: 'query'; query: TxnOutcome; given: GivenPayment };

/** The given prv_* values when all four are there (then no payment query is asked). */
export function givenInFull(given: GivenPayment): Extract<PaymentFacts, { source: 'given' }> | undefined {
  const amount = given.amount === undefined ? undefined : parseFen(given.amount);
  if (!given.transno || !given.tradeno || !given.date || amount === undefined) return undefined;
  return { source: 'given', transno: given.transno, tradeno: given.tradeno, date: given.date, amount };
}

/**
 * The paid payment, or why a refund of it is refused: a given prv_trdate must be a date; the
 * payment query must answer `00000` and say paid (status 0); its answer must carry every prv_*
 * value the refund sends (those given on the command line take precedence).
 */
export function paidRule(facts: PaymentFacts, orderno: string): PaidOrder | RefundRefusal {
  if (facts.source === 'given') {
    if (!isYmd(facts.date)) return refuse('PAYMENT_DATE_INVALID', { date: facts.date });
    const { transno, tradeno, date, amount } = facts;
    return { orderno, transno, tradeno, date, amount };
  }
  const { query: q, given } = facts;
  const r = q.response;
  if (q.respcode !== '00000')
    return refuse('PAYMENT_NOT_FOUND', { respcode: q.respcode, respmsg: q.respmsg });
  if (q.state !== 'success')
    return refuse('NOT_PAID', { status: r.status, state: q.state, label: q.status?.label });
  const givenAmount = given.amount === undefined ? undefined : parseFen(given.amount);
  const amount = givenAmount ?? parseFen(r.amt_trans ?? '');
  const transno = given.transno ?? r.transno;
  const tradeno = given.tradeno ?? r.imp_tradeno;
  const date = given.date ?? r.transdate;
  const missing = [
    !transno && 'transno (--transno)',
    !tradeno && 'imp_tradeno (--field prv_tradeno=…)',
    !date && 'transdate (--field prv_trdate=yyyyMMdd)',
    amount === undefined && 'amt_trans (--field prv_tramt=<分>)',
  ].filter((m): m is string => !!m);
  if (missing.length > 0 || !transno || !tradeno || !date || amount === undefined)
    return refuse('PAYMENT_INCOMPLETE', { missing });
  return { orderno, transno, tradeno, date, amount, query: q };
}

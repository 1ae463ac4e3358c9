import { BusinessError, UsageError } from '../core/errors.js';
import { type Fen, parseFen } from '../core/money.js';
import { isYmd } from '../core/time.js';
import { queryPayment } from '../txn/queries.js';
import type { TxnSession } from '../txn/session.js';
import type { TxnOutcome } from '../txn/types.js';

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
 * The original payment: from the command line when every prv_* value is given
 * (the platform then checks them), otherwise from the payment query, which must
 * say paid (status 0): anything else is refused with the state, exit 1.
 */
export async function findPaidOrder(
  session: TxnSession,
  orderno: string,
  given: GivenPayment,
  opts: { settle?: boolean; extras?: readonly string[] } = {},
): Promise<PaidOrder> {
  const zh = session.lang === 'zh';
  const givenAmount = given.amount === undefined ? undefined : parseFen(given.amount);
  if (given.transno && given.tradeno && given.date && givenAmount !== undefined) {
    if (!isYmd(given.date)) throw new UsageError(`prv_trdate: '${given.date}' is not a date yyyyMMdd`);
    return { orderno, transno: given.transno, tradeno: given.tradeno, date: given.date, amount: givenAmount };
  }
  const q = await queryPayment(session, { orderno, transno: given.transno }, { settle: opts.settle ?? true });
  const r = q.response;
  if (q.respcode !== '00000') {
    throw new BusinessError(
      zh
        ? `无法退款：支付查询失败（${q.respcode} ${q.respmsg ?? ''}）`
        : `cannot refund: the payment query failed (${q.respcode} ${q.respmsg ?? ''})`,
      { code: 'PAYMENT_NOT_FOUND', ids: { orderno }, details: { respcode: q.respcode, respmsg: q.respmsg } },
    );
  }
  if (q.state !== 'success') {
    const label = q.status ? session.out.t(q.status.label) : q.state;
    throw new BusinessError(
      zh
        ? `无法退款：订单 ${orderno} 未支付成功（状态 ${r.status ?? '?'}：${label}）`
        : `cannot refund: order ${orderno} is not paid (status ${r.status ?? '?'}: ${label})`,
      { code: 'NOT_PAID', ids: { orderno }, details: { status: r.status, state: q.state } },
    );
  }
  const amount = givenAmount ?? parseFen(r.amt_trans ?? '');
  const transno = given.transno ?? r.transno;
  const tradeno = given.tradeno ?? r.imp_tradeno;
  const date = given.date ?? r.transdate;
  const missing = [
    !transno && 'transno (--transno)',
    !tradeno && 'imp_tradeno (--field prv_tradeno=…)',
    !date && 'transdate (--field prv_trdate=yyyyMMdd)',
    amount === undefined && 'amt_trans (--field prv_tramt=<分>)',
  ].filter(Boolean);
  if (missing.length > 0 || !transno || !tradeno || !date || amount === undefined) {
    throw new UsageError(
      zh
        ? `支付查询的应答缺少退款所需字段：${missing.join(', ')}`
        : `the payment query answer lacks what a refund needs: ${missing.join(', ')}`,
      { code: 'PAYMENT_INCOMPLETE', ids: { orderno } },
    );
  }
  return { orderno, transno, tradeno, date, amount, query: q };
}

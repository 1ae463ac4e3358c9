import { BusinessError, UsageError } from '../core/errors.js';
import { describeFen, type Fen, formatYuan } from '../core/money.js';
import { cstParts } from '../core/time.js';
import { generateRefundNo } from '../protocol/ids.js';
import type { Fields } from '../protocol/signer.js';
import type { TxnSession } from '../txn/session.js';
import { type BookEntry, type RefundBook, type RefundCheck, syncOrder } from './book.js';
import { damagedJournalError } from './damaged.js';
import { alreadyRefunded, recentDuplicate } from './history.js';
import { findPaidOrder, type GivenPayment, type PaidOrder } from './payment.js';

/** What the operator asked for. */
export interface RefundRequest {
  orderno: string;
  amount: Fen;
  reason?: string;
  /** opertype 1 (same-day full void) instead of 2. */
  void?: boolean;
  refundno?: string;
  given?: GivenPayment;
  extras?: readonly string[];
}

/** A refund that passed every safety rule, ready to confirm and send. */
export interface RefundPlan {
  orderno: string;
  refundno: string;
  amount: Fen;
  opertype: '1' | '2';
  payment: PaidOrder;
  /** Refunded, in progress or unknown before this one. */
  already: Fen;
  /** A refund of the same order and amount in the last 10 minutes (ask again, or --force). */
  duplicate?: BookEntry;
  /** What the refund queries said about earlier refunds of the order. */
  checks: RefundCheck[];
  /** The refund's wire fields (before header and signature). */
  fields: Fields;
}

/** The shell hints that find out about a refund, or settle it. */
export function resumeHints(zh: boolean, refundno: string, orderno?: string): string[] {
  return [
    zh
      ? `查明结果（不会重发）：imp refund --resume ${refundno}`
      : `find out (never re-sends): imp refund --resume ${refundno}`,
    ...(orderno ? [`  imp query --refund ${refundno} --order ${orderno}`] : []),
  ];
}

/**
 * Apply the refund safety rules (issue 4) in this order, refusing with a one-line
 * error naming the rule:
 * 0. no unreadable journal line may mention the order or the refundno (exit 2, not
 *    overridden by --force: see damagedJournalError); unrelated ones only warn;
 * 1. a given refundno must be new (reuse → exit 2: a failed one needs a new number,
 *    an unfinished one is settled with --resume);
 * 2. the payment must be paid (payment query; exit 1 with its state);
 * 3. earlier refunds of the order that are not final are asked about with the
 *    refund query; one still unknown blocks any new refund (exit 1) until resolved;
 * 4. this refund + already refunded (success, in progress, unknown) ≤ paid (exit 1);
 * 5. --void only for the whole amount, nothing refunded yet, on the payment's day
 *    in Asia/Shanghai (exit 2: drop --void for opertype 2).
 * A recent duplicate (same order and amount, 10 minutes) is returned, not refused:
 * the caller asks again or requires --force.
 */
export async function planRefund(
  session: TxnSession,
  book: RefundBook,
  req: RefundRequest,
  opts: { settlePayment?: boolean; now?: Date } = {},
): Promise<RefundPlan> {
  const zh = session.ctx.lang === 'zh';
  const ids = { orderno: req.orderno, refundno: req.refundno };
  // before any request (even the payment query): the history below may be missing a refund
  const damaged = book.damagedMentioning(req.orderno, req.refundno);
  if (damaged.length > 0) throw damagedJournalError(zh, book.file, ids, damaged);
  book.warnDamaged(session.ctx.out);
  if (req.refundno) {
    const used = book.refund(req.refundno);
    if (used) {
      const failed = used.state === 'failure';
      throw new UsageError(
        failed
          ? zh
            ? `退货单号 ${req.refundno} 的退款已失败：重新退款需要新的退货单号（去掉 --refund-no 自动生成）`
            : `refund ${req.refundno} failed: a new refund needs a new refundno (omit --refund-no to generate one)`
          : zh
            ? `退货单号 ${req.refundno} 已用于订单 ${used.orderno} 的一笔退款（${used.state}）`
            : `refundno ${req.refundno} is already used by a refund of order ${used.orderno} (${used.state})`,
        { code: 'REFUNDNO_USED', ids, hints: failed ? [] : resumeHints(zh, req.refundno, used.orderno) },
      );
    }
  }

  const payment = await findPaidOrder(session, req.orderno, req.given ?? {}, {
    settle: opts.settlePayment,
    extras: req.extras,
  });
  const checks = await syncOrder(session, book, req.orderno, payment.transno);
  const history = book.history(req.orderno);
  if (history.unknown.length > 0) {
    const first = history.unknown[0] as BookEntry;
    throw new BusinessError(
      zh
        ? `订单 ${req.orderno} 有一笔结果未知的退款（${first.refundno}，${formatYuan(first.amount ?? 0)} 元），查明之前不能发起新的退款`
        : `order ${req.orderno} has a refund whose outcome is unknown (${first.refundno}, ${formatYuan(first.amount ?? 0)} yuan); no new refund until it is resolved`,
      {
        code: 'REFUND_UNRESOLVED',
        ids: { ...ids, refundno: first.refundno },
        hints: [...resumeHints(zh, first.refundno ?? '?', req.orderno), '  imp journal resolve'],
      },
    );
  }
  const already = alreadyRefunded(history);
  if (already + req.amount > payment.amount) {
    const left = Math.max(0, payment.amount - already);
    throw new BusinessError(
      zh
        ? `退款金额超过可退金额：已付 ${describeFen(payment.amount, 'zh')}，已退/处理中 ${describeFen(already, 'zh')}，本次 ${describeFen(req.amount, 'zh')}，最多可退 ${describeFen(left, 'zh')}`
        : `refund exceeds what is left: paid ${describeFen(payment.amount)}, already refunded or in progress ${describeFen(already)}, this refund ${describeFen(req.amount)}, at most ${describeFen(left)}`,
      { code: 'OVER_REFUND', ids, details: { paid: payment.amount, already, refundable: left } },
    );
  }
  if (req.void) {
    const today = cstParts(opts.now).date;
    const why =
      req.amount !== payment.amount || already > 0
        ? zh
          ? '撤销（--void）只能全额退款且此前没有退款'
          : '--void (opertype 1) is for the full paid amount with nothing refunded before'
        : payment.date !== today
          ? zh
            ? `撤销（--void）只限支付当日：支付日 ${payment.date}，今天 ${today}（北京时间）`
            : `--void (opertype 1) only on the payment's day: paid ${payment.date}, today is ${today} (Asia/Shanghai)`
          : undefined;
    if (why) {
      throw new UsageError(why, {
        code: 'VOID_RULE',
        ids,
        hints: [zh ? '去掉 --void 即为退货（opertype 2）' : 'drop --void to refund instead (opertype 2)'],
      });
    }
  }
  const refundno = req.refundno ?? generateRefundNo();
  const opertype = req.void ? '1' : '2';
  const fields: Fields = {
    orderno: req.orderno,
    refundno,
    prv_transno: payment.transno,
    prv_tradeno: payment.tradeno,
    prv_trdate: payment.date,
    prv_tramt: String(payment.amount),
    opertype,
    refund_amt: String(req.amount),
    ...(req.reason ? { refund_reason: req.reason } : {}),
  };
  return {
    orderno: req.orderno,
    refundno,
    amount: req.amount,
    opertype,
    payment,
    already,
    duplicate: recentDuplicate(history, req.amount, (opts.now ?? new Date()).getTime()),
    checks,
    fields,
  };
}

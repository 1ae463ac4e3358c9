import { BusinessError, type ImpError, UnknownOutcomeError, UsageError } from '../core/errors.js';
import { describeFen, type Fen, formatYuan } from '../core/money.js';
import { cstClock, cstParts } from '../core/time.js';
import { isFinalState } from '../journal/index.js';
import { type HintContext, hintCommand as impCommand } from '../output/shell.js';
import type { Fields } from '../protocol/signer.js';
import type { TxnSession } from '../txn/session.js';
import { type BookEntry, type RefundBook, type RefundCheck, syncOrder } from './book.js';
import { damagedJournalError } from './damaged.js';
import { decideRefund, decideRow, type RowDecision } from './decide.js';
import { alreadyRefunded } from './history.js';
import { deriveRefundNo } from './identity.js';
import { findPaidOrder, type GivenPayment, type PaidOrder } from './payment.js';

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
  /** A batch row's ordinal (its `again` column): the identity is given, not inferred (decideRow). */
  ordinal?: number;
  /** With {@link ordinal}: send again a refund of that identity that failed for certain. */
  retryFailed?: boolean;
}

/** A refund that passed every safety rule, ready to confirm and send (or an earlier one resumed). */
export interface RefundPlan {
  orderno: string;
  refundno: string;
  amount: Fen;
  opertype: '1' | '2';
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
  /** The refund's wire fields (before header and signature). */
  fields: Fields;
}

/** The shell hints that find out about a refund, or settle it. */
export function resumeHints(ctx: HintContext, refundno: string, orderno?: string): string[] {
  const zh = ctx.lang === 'zh';
  const resume = impCommand(ctx, 'refund', '--resume', refundno);
  return [
    zh ? `查明结果（不会重发）：${resume}` : `find out (never re-sends): ${resume}`,
    ...(orderno ? [`  ${impCommand(ctx, 'query', '--refund', refundno, '--order', orderno)}`] : []),
  ];
}

/**
 * Apply the refund safety rules in this order, refusing with a one-line error naming the rule:
 * 0. no unreadable journal line may mention the order or the refundno (exit 2, not
 *    overridden by --again: see damagedJournalError); unrelated ones only warn;
 * 1. a given refundno must be new, or be the earlier refund of this same order and amount;
 * 2. the payment must be paid (payment query; exit 1 with its state);
 * 3. earlier refunds of the order that are not final are asked about with the refund query
 *    (and the answers recorded); one still unknown blocks any new refund until resolved
 *    (exit 3 when it is this same refund, else exit 1);
 * 4. the refund's identity decides (decide.ts): the earlier refund resumed, a new one, or
 *    `--again` needed;
 * 5. this refund + already refunded (success, in progress, unknown) ≤ paid (exit 1);
 * 6. --void only for the whole amount, nothing refunded yet, on the payment's day
 *    in Asia/Shanghai (exit 2: drop --void for opertype 2).
 */
export async function planRefund(
  session: TxnSession,
  book: RefundBook,
  req: RefundRequest,
  opts: { settlePayment?: boolean; now?: Date } = {},
): Promise<RefundPlan> {
  const ctx = session;
  const zh = ctx.lang === 'zh';
  const ids = { orderno: req.orderno, refundno: req.refundno };
  // before any request (even the payment query): the history below may be missing a refund
  const damaged = book.damagedMentioning(req.orderno, req.refundno);
  if (damaged.length > 0) throw damagedJournalError(ctx, book.file, ids, damaged);
  book.warnDamaged(ctx.out, ctx.imp);
  const used = req.refundno ? book.refund(req.refundno) : undefined;
  if (used && (used.orderno !== req.orderno || (req.amount !== undefined && used.amount !== req.amount)))
    throw refundnoUsed(ctx, req.refundno as string, used);

  const payment = await findPaidOrder(session, req.orderno, req.given ?? {}, {
    settle: opts.settlePayment,
    extras: req.extras,
  });
  const amount = req.amount ?? (req.void ? payment.amount : undefined);
  if (amount === undefined)
    throw new UsageError('--amount: required (only --void takes the whole paid amount without it)');
  const openBefore = new Set(
    book
      .same(req.orderno, amount)
      .filter((e) => !isFinalState(e.state))
      .map((e) => e.id),
  );
  const checks = await syncOrder(session, book, req.orderno, payment.transno);
  const history = book.history(req.orderno);
  if (history.unknown.length > 0) throw unresolved(ctx, req.orderno, amount, history.unknown);

  const same = book.same(req.orderno, amount);
  const decision: RowDecision =
    req.ordinal === undefined
      ? decideRefund(same, openBefore, !!req.again)
      : decideRow(same, req.ordinal, openBefore, !!req.retryFailed);
  const earlier = 'entry' in decision ? decision.entry : undefined;
  const ordinal = earlier ? (earlier.ordinal ?? 1) : (decision as { ordinal: number }).ordinal;
  const attempt = earlier ? (earlier.attempt ?? 1) : (decision as { attempt: number }).attempt;
  const busino = session.profile.busino;
  const refundno = earlier
    ? (earlier.refundno as string)
    : (req.refundno ?? deriveRefundNo({ busino, orderno: req.orderno, amount, ordinal }, attempt));
  if (!earlier && used) throw refundnoUsed(ctx, refundno, used);
  const already = alreadyRefunded(history);
  if (!earlier) checkLimits(zh, req, amount, already, payment, opts.now);
  const opertype = req.void ? '1' : '2';
  const fields: Fields = {
    orderno: req.orderno,
    refundno,
    prv_transno: payment.transno,
    prv_tradeno: payment.tradeno,
    prv_trdate: payment.date,
    prv_tramt: String(payment.amount),
    opertype,
    refund_amt: String(amount),
    ...(req.reason ? { refund_reason: req.reason } : {}),
  };
  return {
    orderno: req.orderno,
    refundno,
    amount,
    opertype,
    payment,
    already,
    busino,
    ordinal,
    attempt,
    decision,
    checks,
    fields,
  };
}

function refundnoUsed(ctx: HintContext, refundno: string, used: BookEntry): UsageError {
  const zh = ctx.lang === 'zh';
  const failed = used.state === 'failure';
  return new UsageError(
    failed
      ? zh
        ? `退货单号 ${refundno} 的退款已失败：重新退款需要新的退货单号（去掉 --refund-no 自动生成）`
        : `refund ${refundno} failed: a new refund needs a new refundno (omit --refund-no to derive one)`
      : zh
        ? `退货单号 ${refundno} 已用于订单 ${used.orderno} 的一笔退款（${used.state}）`
        : `refundno ${refundno} is already used by a refund of order ${used.orderno} (${used.state})`,
    {
      code: 'REFUNDNO_USED',
      ids: { orderno: used.orderno, refundno },
      hints: failed ? [] : resumeHints(ctx, refundno, used.orderno),
    },
  );
}

/** A refund of the order whose outcome is still unknown after asking: nothing new may go out. */
function unresolved(ctx: HintContext, orderno: string, amount: Fen, unknown: readonly BookEntry[]): ImpError {
  const zh = ctx.lang === 'zh';
  const first = unknown[0] as BookEntry;
  const hints = [
    ...resumeHints(ctx, first.refundno ?? '?', orderno),
    `  ${impCommand(ctx, 'journal', 'resolve')}`,
  ];
  const ids = { orderno, refundno: first.refundno };
  if (first.amount === amount) {
    // this same refund, sent before: its outcome is still unknown, and nothing new goes out
    return new UnknownOutcomeError(
      zh
        ? `订单 ${orderno} 的这笔退款（${first.refundno}，${cstClock(first.at)}）结果仍未知：未发送新的退款`
        : `this refund of order ${orderno} (${first.refundno}, ${cstClock(first.at)}) still has an unknown outcome: no new refund sent`,
      { code: 'REFUND_UNRESOLVED', ids, hints },
    );
  }
  return new BusinessError(
    zh
      ? `订单 ${orderno} 有一笔结果未知的退款（${first.refundno}，${formatYuan(first.amount ?? 0)} 元），查明之前不能发起新的退款`
      : `order ${orderno} has a refund whose outcome is unknown (${first.refundno}, ${formatYuan(first.amount ?? 0)} yuan); no new refund until it is resolved`,
    { code: 'REFUND_UNRESOLVED', ids, hints },
  );
}

/** Rules 5 and 6: the amount left, and the void rule. */
function checkLimits(
  zh: boolean,
  req: RefundRequest,
  amount: Fen,
  already: Fen,
  payment: PaidOrder,
  now?: Date,
): void {
  const ids = { orderno: req.orderno, refundno: req.refundno };
  if (already + amount > payment.amount) {
    const left = Math.max(0, payment.amount - already);
    throw new BusinessError(
      zh
        ? `退款金额超过可退金额：已付 ${describeFen(payment.amount, 'zh')}，已退/处理中 ${describeFen(already, 'zh')}，本次 ${describeFen(amount, 'zh')}，最多可退 ${describeFen(left, 'zh')}`
        : `refund exceeds what is left: paid ${describeFen(payment.amount)}, already refunded or in progress ${describeFen(already)}, this refund ${describeFen(amount)}, at most ${describeFen(left)}`,
      { code: 'OVER_REFUND', ids, details: { paid: payment.amount, already, refundable: left } },
    );
  }
  if (!req.void) return;
  const today = cstParts(now).date;
  const why =
    amount !== payment.amount || already > 0
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

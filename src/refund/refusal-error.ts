import { BusinessError, type ImpError, UnknownOutcomeError, UsageError } from '../core/errors.js';
import { describeFen, formatYuan } from '../core/money.js';
import { cstClock } from '../core/time.js';
import { tr } from '../output/i18n.js';
import { type HintContext, hintCommand as impCommand } from '../output/shell.js';
import type { BookEntry } from './book.js';
import { damagedJournalError } from './damaged.js';
import { earlierText } from './earlier-text.js';
import type { RefundRefusal } from './refusal.js';

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
 * The error a refusal ({@link decideRefund}) becomes: its one-line message in the operator's
 * language, exit code and hints. `file`: the journal (named by the damaged-journal refusal).
 */
export function refusalError(
  ctx: HintContext,
  file: string,
  ids: { orderno: string; refundno?: string },
  r: RefundRefusal,
): ImpError {
  switch (r.code) {
    case 'JOURNAL_DAMAGED':
      return damagedJournalError(ctx, file, ids, r.params.lines);
    case 'REFUNDNO_USED':
      return refundnoUsed(ctx, r.params.refundno, r.params.used);
    case 'PAYMENT_DATE_INVALID':
    case 'PAYMENT_NOT_FOUND':
    case 'NOT_PAID':
    case 'PAYMENT_INCOMPLETE':
    case 'AMOUNT_REQUIRED':
      return paymentError(ctx, ids.orderno, r);
    case 'REFUND_UNRESOLVED':
      return unresolved(ctx, ids.orderno, r.params.unknown, r.params.same);
    case 'OVER_REFUND':
    case 'VOID_RULE':
      return limitError(ctx, ids, r);
    case 'DUPLICATE_REFUND':
      return duplicate(ctx, ids.orderno, r.params.amount, r.params.earlier);
  }
}

type Refusal<C extends RefundRefusal['code']> = Extract<RefundRefusal, { code: C }>;

/** The payment is not one a refund can go against (or the amount is missing). */
function paymentError(
  ctx: HintContext,
  orderno: string,
  r: Refusal<
    'PAYMENT_DATE_INVALID' | 'PAYMENT_NOT_FOUND' | 'NOT_PAID' | 'PAYMENT_INCOMPLETE' | 'AMOUNT_REQUIRED'
  >,
): ImpError {
  const zh = ctx.lang === 'zh';
  switch (r.code) {
    case 'PAYMENT_DATE_INVALID':
      return new UsageError(`prv_trdate: '${r.params.date}' is not a date yyyyMMdd`, { code: r.code });
    case 'PAYMENT_NOT_FOUND': {
      const { respcode, respmsg } = r.params;
      return new BusinessError(
        zh
          ? `无法退款：支付查询失败（${respcode} ${respmsg ?? ''}）`
          : `cannot refund: the payment query failed (${respcode} ${respmsg ?? ''})`,
        { code: r.code, ids: { orderno }, details: { respcode, respmsg } },
      );
    }
    case 'NOT_PAID': {
      const { status, state } = r.params;
      const label = r.params.label ? tr(ctx.lang, r.params.label) : state;
      return new BusinessError(
        zh
          ? `无法退款：订单 ${orderno} 未支付成功（状态 ${status ?? '?'}：${label}）`
          : `cannot refund: order ${orderno} is not paid (status ${status ?? '?'}: ${label})`,
        { code: r.code, ids: { orderno }, details: { status, state } },
      );
    }
    case 'PAYMENT_INCOMPLETE':
      return new UsageError(
        zh
          ? `支付查询的应答缺少退款所需字段：${r.params.missing.join(', ')}`
          : `the payment query answer lacks what a refund needs: ${r.params.missing.join(', ')}`,
        { code: r.code, ids: { orderno } },
      );
    case 'AMOUNT_REQUIRED':
      return new UsageError('--amount: required (only --void takes the whole paid amount without it)', {
        code: r.code,
      });
  }
}

/** Rules 5 and 6: the amount left, and the void rule. */
function limitError(
  ctx: HintContext,
  ids: { orderno: string; refundno?: string },
  r: Refusal<'OVER_REFUND' | 'VOID_RULE'>,
): ImpError {
  const zh = ctx.lang === 'zh';
  if (r.code === 'OVER_REFUND') {
    const { paid, already, amount, refundable } = r.params;
    const fen = (n: number) => describeFen(n, ctx.lang);
    return new BusinessError(
      zh
        ? `退款金额超过可退金额：已付 ${fen(paid)}，已退/处理中 ${fen(already)}，本次 ${fen(amount)}，最多可退 ${fen(refundable)}`
        : `refund exceeds what is left: paid ${fen(paid)}, already refunded or in progress ${fen(already)}, this refund ${fen(amount)}, at most ${fen(refundable)}`,
      { code: r.code, ids, details: { paid, already, refundable } },
    );
  }
  const p = r.params;
  const why =
    p.why === 'not-whole'
      ? zh
        ? '撤销（--void）只能全额退款且此前没有退款'
        : '--void (opertype 1) is for the full paid amount with nothing refunded before'
      : zh
        ? `撤销（--void）只限支付当日：支付日 ${p.paidOn}，今天 ${p.today}（北京时间）`
        : `--void (opertype 1) only on the payment's day: paid ${p.paidOn}, today is ${p.today} (Asia/Shanghai)`;
  return new UsageError(why, {
    code: r.code,
    ids,
    hints: [zh ? '去掉 --void 即为退货（opertype 2）' : 'drop --void to refund instead (opertype 2)'],
  });
}

/** A second refund of the same order and amount, under --yes without --again. */
function duplicate(ctx: HintContext, orderno: string, amount: number, earlier: BookEntry): ImpError {
  const zh = ctx.lang === 'zh';
  const named = tr(ctx.lang, earlierText(earlier));
  const again = impCommand(ctx, 'refund', orderno, '--amount', formatYuan(amount), '--again');
  return new UsageError(
    zh
      ? `同一订单同样金额已有一笔退款 ${named}：确需再退一笔请加 --again`
      : `a refund of the same order and amount exists: ${named}; add --again if you really mean another one`,
    {
      code: 'DUPLICATE_REFUND',
      ids: { orderno, refundno: earlier.refundno },
      hints: [
        zh
          ? `重新运行同一命令只会查询这笔退款，不会重发；再退一笔：${again}`
          : `running the same command again only looks that refund up; another one: ${again}`,
      ],
    },
  );
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
function unresolved(ctx: HintContext, orderno: string, first: BookEntry, same: boolean): ImpError {
  const zh = ctx.lang === 'zh';
  const hints = [
    ...resumeHints(ctx, first.refundno ?? '?', orderno),
    `  ${impCommand(ctx, 'journal', 'resolve')}`,
  ];
  const ids = { orderno, refundno: first.refundno };
  if (same) {
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

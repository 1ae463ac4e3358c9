import type { Context } from '../cli/context.js';
import { confirm } from '../cli/prompt.js';
import { ImpError, UsageError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { describeFen, type Fen } from '../core/money.js';
import { t } from '../output/i18n.js';
import type { Output } from '../output/output.js';
import { renderPairs } from '../output/table.js';
import type { BookEntry } from './book.js';
import type { RefundPlan } from './plan.js';

/** The facts an operator confirms before money moves: order, paid, already refunded, this refund (元 and 分). */
export function planTable(out: Output, plan: RefundPlan): string {
  const fen = (amount: Fen) => describeFen(amount, out.lang);
  return renderPairs(out, [
    [t('商户订单号', 'order no'), plan.orderno],
    [t('IMP 订单号', 'IMP order no'), plan.payment.transno],
    [t('支付日期', 'paid on'), plan.payment.date],
    [t('已付金额', 'paid'), fen(plan.payment.amount)],
    [t('已退款/处理中', 'already refunded'), fen(plan.already)],
    [t('本次退款', 'this refund'), fen(plan.amount)],
    [t('退款后剩余', 'left after'), fen(plan.payment.amount - plan.already - plan.amount)],
    [
      t('操作类型', 'operation'),
      plan.opertype === '1'
        ? t('1 消费撤销（当日全额）', '1 void (same day, full)')
        : t('2 退货', '2 refund'),
    ],
    [t('退货单号', 'refund no'), plan.refundno],
  ]);
}

const MINUTE = 60_000;

function duplicateText(d: BookEntry, amount: Fen): { zh: string; en: string } {
  const mins = Math.max(1, Math.round((Date.now() - Date.parse(d.at)) / MINUTE));
  return t(
    `${mins} 分钟内已有同一订单同样金额（${describeFen(amount, 'zh')}）的退款 ${d.refundno}（${d.state}）。确定再退一次？`,
    `a refund of the same order and amount (${describeFen(amount)}) was made ${mins} min ago: ${d.refundno} (${d.state}). Refund again?`,
  );
}

/**
 * Ask before sending. A recent duplicate asks its own question first; under
 * `--yes` it is refused unless `--force` (exit 2). Declining is "cancelled"
 * (exit 130, nothing sent).
 */
export async function confirmRefund(ctx: Context, plan: RefundPlan, force: boolean): Promise<void> {
  const zh = ctx.lang === 'zh';
  const d = plan.duplicate;
  if (d && !force) {
    if (ctx.global.yes) {
      throw new UsageError(
        zh
          ? `10 分钟内已有同一订单同样金额的退款 ${d.refundno}：确需再退请加 --force`
          : `a refund of the same order and amount was made within 10 minutes (${d.refundno}): add --force if you really mean a second one`,
        { code: 'DUPLICATE_REFUND', ids: { orderno: plan.orderno, refundno: d.refundno } },
      );
    }
    if (!(await confirm(ctx, duplicateText(d, plan.amount)))) throw cancelled(zh);
  }
  const question = t(
    `确认退款 ${describeFen(plan.amount, 'zh')}（订单 ${plan.orderno}）？`,
    `send this refund of ${describeFen(plan.amount)} for order ${plan.orderno}?`,
  );
  if (!(await confirm(ctx, question))) throw cancelled(zh);
}

/** The operator said no: nothing was sent. */
export function cancelled(zh: boolean): ImpError {
  return new ImpError(zh ? '已取消，未发送' : 'cancelled, nothing sent', ExitCode.interrupted, {
    code: 'CANCELLED',
  });
}

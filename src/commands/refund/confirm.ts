import type { Context } from '../../cli/kit/context.js';
import { confirm } from '../../cli/kit/prompt.js';
import { specByteLength } from '../../core/bytes.js';
import { ImpError } from '../../core/errors.js';
import { ExitCode } from '../../core/exit-codes.js';
import type { Fen } from '../../core/money.js';
import { type Text, t } from '../../output/i18n.js';
import { errorText } from '../../output/messages/errors.js';
import { describeFen } from '../../output/messages/money.js';
import type { Output } from '../../output/output.js';
import { paint } from '../../output/style.js';
import type { BookEntry } from '../../refund/book.js';
import type { RefundPlan } from '../../refund/plan.js';
import { earlierSaid } from '../../refund/refusal-error.js';

/** The earlier refund in both languages: number, time (CST), amount, state. */
const earlierText = (d: BookEntry): Text => errorText(earlierSaid(d)) as Text;

/** The words of an operation code (the catalogue's opertype: 1 void, 2 refund). */
function operationWords(opertype: '1' | '2') {
  return opertype === '1'
    ? t('撤销（当日全额退回）', 'void (same day, whole amount)')
    : t('退货（退款）', 'refund');
}

/**
 * The facts an operator confirms before money moves, as a compact aligned list (no borders, fits
 * 80 columns): order, paid, already refunded, this refund, what is left, operation, refund
 * number. The amount of this refund and its number stand out (bold).
 */
export function planTable(out: Output, plan: RefundPlan): string {
  const fen = (amount: Fen) => describeFen(amount, out.lang);
  const c = paint(out);
  const rows: [Text, string][] = [
    [t('商户订单号', 'order no'), plan.orderno],
    [t('IMP 订单号', 'IMP order no'), plan.payment.transno],
    [t('支付日期', 'paid on'), plan.payment.date],
    [t('已付金额', 'paid'), fen(plan.payment.amount)],
    [t('已退款/处理中', 'already refunded'), fen(plan.already)],
    [t('本次退款', 'this refund'), c.bold(fen(plan.amount))],
    [t('退款后剩余', 'left after'), fen(plan.payment.amount - plan.already - plan.amount)],
    [t('操作', 'operation'), out.t(operationWords(plan.opertype))],
    [t('退货单号', 'refund no'), c.bold(plan.refundno)],
  ];
  if (plan.ordinal > 1) {
    rows.push([
      t('第几笔', 'which refund'),
      out.t(
        t(
          `同一订单同样金额的第 ${plan.ordinal} 笔（--again）`,
          `refund number ${plan.ordinal} of this order and amount (--again)`,
        ),
      ),
    ]);
  }
  const labels = rows.map(([label]) => out.t(label));
  const width = Math.max(...labels.map((l) => specByteLength(l)));
  return rows
    .map(([, value], i) => {
      const label = labels[i] as string;
      return `  ${c.dim(label)}${' '.repeat(width - specByteLength(label) + 2)}${value}`;
    })
    .join('\n');
}

/**
 * Ask before sending. A second refund of the same order and amount (`again-needed`; under `--yes`
 * without `--again` decideRefund refused it): the question names the earlier refund. With
 * `--again` the question still names it. After a refund that failed for certain, the question
 * says so (and `--yes` goes ahead: nothing was refunded). Declining is "cancelled" (exit 130,
 * nothing sent).
 */
export async function confirmRefund(ctx: Context, plan: RefundPlan, again: boolean): Promise<void> {
  const d = plan.decision;
  if (d.kind === 'again-needed' && !again) {
    // under --yes without --again decideRefund refused it (DUPLICATE_REFUND): here a person is asked
    const q = t(
      `同一订单同样金额已有一笔退款 ${earlierText(d.earlier).zh}。确定再退一笔（${plan.refundno}）？`,
      `a refund of the same order and amount exists: ${earlierText(d.earlier).en}. Send another one (${plan.refundno})?`,
    );
    if (!(await confirm(ctx, q))) throw cancelled(ctx.out);
  } else if (d.kind === 'new' && d.why === 'again' && d.earlier) {
    ctx.out.note(
      ctx.out.t(
        t(
          `--again：同一订单同样金额此前的退款 ${earlierText(d.earlier).zh}；这是另一笔`,
          `--again: the earlier refund of this order and amount is ${earlierText(d.earlier).en}; this is another one`,
        ),
      ),
    );
  } else if (d.kind === 'new' && d.why === 'after-failure' && d.earlier) {
    ctx.out.note(
      ctx.out.t(
        t(
          `此前的退款 ${earlierText(d.earlier).zh} 确定失败，没有退出任何款项：新的退款使用新的退货单号 ${plan.refundno}`,
          `the earlier refund ${earlierText(d.earlier).en} failed for certain and refunded nothing: the new one goes out under a new number, ${plan.refundno}`,
        ),
      ),
    );
  }
  const question = t(
    `确认退款 ${describeFen(plan.amount, 'zh')}（订单 ${plan.orderno}）？`,
    `send this refund of ${describeFen(plan.amount)} for order ${plan.orderno}?`,
  );
  if (!(await confirm(ctx, question))) throw cancelled(ctx.out);
}

/** The operator said no: nothing was sent. */
export function cancelled(out: Output): ImpError {
  return new ImpError(out.t(t('已取消，未发送', 'cancelled, nothing sent')), ExitCode.interrupted, {
    code: 'CANCELLED',
  });
}

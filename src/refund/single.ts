import type { CommandInput, CommandResult } from '../cli/command.js';
import type { Context } from '../cli/context.js';
import { ensureArgs, type Needed } from '../cli/prompt.js';
import type { ImpError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { describeFen, parseYuan } from '../core/money.js';
import { parseExtras } from '../txn/extras.js';
import { dryRunResult } from '../txn/order-command.js';
import { parseWait, waitForFinal } from '../txn/poll.js';
import { queryRefund } from '../txn/queries.js';
import { outcomeJson, renderOutcome } from '../txn/render.js';
import { openSession } from '../txn/session.js';
import type { TxnOutcome } from '../txn/types.js';
import { RefundBook } from './book.js';
import { confirmRefund, planTable } from './confirm.js';
import { withRefundLock } from './lock.js';
import { planRefund, type RefundPlan } from './plan.js';
import { prepareRefund, sendRefund } from './send.js';

const validYuan = (v: string) => {
  try {
    parseYuan(v);
    return undefined;
  } catch (e) {
    return (e as ImpError).message;
  }
};

/** What `imp refund` needs: prompted on a terminal, else all named in one usage error. */
export const REFUND_NEEDED: readonly Needed[] = [
  {
    key: 'orderno',
    flag: '<orderno>',
    message: { zh: '原商户订单号', en: 'merchant order number of the payment' },
  },
  {
    key: 'amount',
    flag: '--amount',
    message: { zh: '退款金额（元）', en: 'refund amount (元)' },
    validate: validYuan,
  },
];

/**
 * `imp refund <orderno> --amount <元>`: look up the payment, apply every safety
 * rule, show order / paid / already refunded / this refund and ask, then send once
 * (journaled first). `--wait` polls the refund query until a final state.
 */
export async function runSingleRefund(ctx: Context, input: CommandInput): Promise<CommandResult> {
  const opts = input.opts;
  const zh = ctx.lang === 'zh';
  const values = await ensureArgs(ctx, { orderno: input.args[0], amount: opts.amount }, REFUND_NEEDED);
  const orderno = String(values.orderno);
  const amount = parseYuan(String(values.amount));
  const wait = parseWait(opts.wait);
  const extras = opts.field as string[] | undefined;
  const x = parseExtras(extras);
  const session = await openSession(ctx);
  // from reading the journal to journaling the refund, one imp process at a time
  const sent = await withRefundLock(session.journal.file, zh, async () => {
    const book = await RefundBook.load(session.journal);
    const plan = await planRefund(session, book, {
      orderno,
      amount,
      reason: opts.reason,
      void: !!opts.void,
      refundno: opts.refundNo,
      extras,
      given: {
        transno: opts.transno ?? x.prv_transno,
        tradeno: x.prv_tradeno,
        date: x.prv_trdate,
        amount: x.prv_tramt,
      },
    });
    if (opts.dryRun) return { dryRun: dryRunResult(await prepareRefund(session, plan, extras)) };
    if (!ctx.global.json) ctx.out.note(planTable(ctx.out, plan));
    await confirmRefund(ctx, plan, !!opts.force);
    ctx.out.note(zh ? `退货单号：${plan.refundno}` : `refund no: ${plan.refundno}`);
    return { plan, first: await sendRefund(session, book, plan, { extras }) };
  });
  if (sent.dryRun) return sent.dryRun;
  const { plan, first } = sent as { plan: RefundPlan; first: TxnOutcome };
  let last: TxnOutcome = first;
  if (wait && first.state === 'pending') {
    last = await waitForFinal(session, {
      ask: () =>
        queryRefund(
          session,
          { refundno: plan.refundno, orderno, transno: plan.payment.transno },
          { retries: 0 },
        ),
      seconds: wait,
      ids: { orderno, refundno: plan.refundno },
      txn: 'refundquery',
      label: zh ? '等待退款结果' : 'waiting for the refund',
    });
  }
  return refundResult(plan, first, last);
}

/** Exit 1 when the refund failed; 0 when refunded or accepted (the table says which). */
function refundResult(plan: RefundPlan, first: TxnOutcome, last: TxnOutcome): CommandResult {
  const failed = last.state === 'failure';
  const exitCode = failed ? ExitCode.business : ExitCode.ok;
  const summary = {
    orderno: plan.orderno,
    refundno: plan.refundno,
    opertype: plan.opertype,
    amount_fen: plan.amount,
    paid_fen: plan.payment.amount,
    already_refunded_fen: plan.already,
  };
  return {
    exitCode,
    json: {
      ...outcomeJson(last, !failed),
      refund: summary,
      ...(last !== first ? { apply: outcomeJson(first, true) } : {}),
    },
    render(out) {
      const zh = out.lang === 'zh';
      out.print(
        renderOutcome(out, last, [
          [zh ? '已付金额' : 'paid', describeFen(plan.payment.amount, out.lang)],
          [zh ? '此前已退' : 'refunded before', describeFen(plan.already, out.lang)],
        ]),
      );
      if (last.state === 'pending') {
        out.note(
          zh
            ? `退款已受理，最终结果：imp query --refund ${plan.refundno} --order ${plan.orderno}（或 imp refund --resume ${plan.refundno}）`
            : `refund accepted; the final result: imp query --refund ${plan.refundno} --order ${plan.orderno} (or imp refund --resume ${plan.refundno})`,
        );
      }
    },
  };
}

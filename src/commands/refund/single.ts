import type { CommandInput, CommandResult } from '../../cli/kit/command.js';
import type { Context } from '../../cli/kit/context.js';
import { impCommand } from '../../cli/kit/hint.js';
import { ensureArgs, type Needed } from '../../cli/kit/prompt.js';
import { ExitCode } from '../../core/exit-codes.js';
import { parseYuan, yuanProblem } from '../../core/money.js';
import { cstClock } from '../../core/time.js';
import { t } from '../../output/i18n.js';
import { describeFen } from '../../output/messages/money.js';
import { checkWireIds } from '../../protocol/wire-safe.js';
import { type BookEntry, RefundBook } from '../../refund/book.js';
import { withRefundLock } from '../../refund/lock.js';
import { planRefund, type RefundPlan } from '../../refund/plan.js';
import { prepareRefund, sendRefund } from '../../refund/send.js';
import { parseExtras } from '../../txn/extras.js';
import { parseWait, waitForFinal } from '../../txn/poll.js';
import { queryRefund } from '../../txn/queries.js';
import type { TxnOutcome } from '../../txn/types.js';
import { dryRunResult } from '../shared/order-command.js';
import { outcomeJson, renderOutcome } from '../shared/outcome.js';
import { openSession } from '../shared/session.js';
import { confirmRefund, planTable } from './confirm.js';

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
    validate: yuanProblem,
  },
];

/**
 * `imp refund <orderno> --amount <元>`: look up the payment, bring earlier refunds of the order
 * up to date, decide by the refund's identity (resume the earlier one, send a new one, or ask
 * for `--again`), show the facts and ask, then send once (journaled first).
 * `--wait` polls the refund query until a final state.
 */
export async function runSingleRefund(ctx: Context, input: CommandInput): Promise<CommandResult> {
  const opts = input.opts;
  checkWireIds([
    ['<orderno>', input.args[0]],
    ['--refund-no', opts.refundNo],
    ['--transno', opts.transno],
  ]);
  const needed = opts.void ? REFUND_NEEDED.filter((n) => n.key !== 'amount') : REFUND_NEEDED;
  const values = await ensureArgs(ctx, { orderno: input.args[0], amount: opts.amount }, needed);
  const orderno = String(values.orderno);
  checkWireIds([['<orderno>', orderno]]);
  const amount = values.amount === undefined ? undefined : parseYuan(String(values.amount));
  if (opts.force) {
    ctx.out.warn(
      ctx.out.t(
        t(
          '--force 已弃用：它现在等同于 --again（同一订单同样金额再退一笔）',
          '--force is deprecated: it now means --again (another refund of the same order and amount)',
        ),
      ),
    );
  }
  const again = !!(opts.again || opts.force);
  const wait = parseWait(opts.wait);
  const extras = opts.field as string[] | undefined;
  const x = parseExtras(extras);
  const session = await openSession(ctx);
  // from reading the journal to journaling the refund, one imp process at a time
  // (and on a shared journal, from reading it to committing the refund's begin, this order on every machine)
  const journal = session.journal;
  const sent = await withRefundLock(journal, () =>
    journal.lockOrder(session.profile.busino, orderno, async () => {
      const book = await RefundBook.load(journal);
      const plan = await planRefund(session, book, {
        orderno,
        amount,
        reason: opts.reason,
        void: !!opts.void,
        refundno: opts.refundNo,
        extras,
        again,
        unattended: ctx.global.yes && !opts.dryRun,
        given: {
          transno: opts.transno ?? x.prv_transno,
          tradeno: x.prv_tradeno,
          date: x.prv_trdate,
          amount: x.prv_tramt,
        },
      });
      if (plan.decision.kind === 'resumed') return { plan, resumed: plan.decision.entry };
      if (opts.dryRun) return { dryRun: dryRunResult(await prepareRefund(session, plan, extras)) };
      if (!ctx.global.json) ctx.out.note(planTable(ctx.out, plan));
      await confirmRefund(ctx, plan, again);
      return { plan, first: await sendRefund(session, book, plan, { extras }) };
    }),
  );
  if ('dryRun' in sent && sent.dryRun) return sent.dryRun;
  if ('resumed' in sent && sent.resumed) return resumedResult(ctx, sent.plan, sent.resumed);
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
      label: ctx.out.t(t('等待退款结果', 'waiting for the refund')),
    });
  }
  return refundResult(ctx, plan, first, last);
}

/**
 * The command was run before and its refund was still open: the refund query's answer is now
 * recorded, and that is the result (nothing new was sent).
 */
function resumedResult(ctx: Context, plan: RefundPlan, entry: BookEntry): CommandResult {
  const state = entry.state;
  const query = plan.checks.find((c) => c.entry.id === entry.id)?.query;
  const exitCode = state === 'failure' ? ExitCode.business : ExitCode.ok;
  const summary = { orderno: plan.orderno, refundno: entry.refundno, amount_fen: entry.amount, at: entry.at };
  return {
    exitCode,
    json: {
      ...(query ? outcomeJson(query, state !== 'failure') : { ok: state !== 'failure', state }),
      resumed: true,
      refund: summary,
    },
    render(out) {
      if (query) out.print(renderOutcome(out, query));
      out.note(
        ctx.out.t(
          t(
            `这是此前发起的同一笔退款 ${entry.refundno}（${cstClock(entry.at)} 北京时间）：已查询并记录结果，没有发送新的退款`,
            `this is the refund sent before, ${entry.refundno} (${cstClock(entry.at)} CST): its answer is now recorded; no new refund was sent`,
          ),
        ),
      );
      if (state === 'pending') out.note(pendingHint(ctx, plan.orderno, entry.refundno ?? plan.refundno));
    },
  };
}

function pendingHint(ctx: Context, orderno: string, refundno: string): string {
  const q = impCommand(ctx, 'query', '--refund', refundno, '--order', orderno);
  const r = impCommand(ctx, 'refund', '--resume', refundno);
  return ctx.out.t(
    t(`退款已受理，最终结果：${q}（或 ${r}）`, `refund accepted; the final result: ${q} (or ${r})`),
  );
}

/** Exit 1 when the refund failed; 0 when refunded or accepted (the table says which). */
function refundResult(ctx: Context, plan: RefundPlan, first: TxnOutcome, last: TxnOutcome): CommandResult {
  const failed = last.state === 'failure';
  const exitCode = failed ? ExitCode.business : ExitCode.ok;
  const summary = {
    orderno: plan.orderno,
    refundno: plan.refundno,
    opertype: plan.opertype,
    amount_fen: plan.amount,
    paid_fen: plan.payment.amount,
    already_refunded_fen: plan.already,
    ordinal: plan.ordinal,
    attempt: plan.attempt,
  };
  return {
    exitCode,
    json: {
      ...outcomeJson(last, !failed),
      refund: summary,
      ...(last !== first ? { apply: outcomeJson(first, true) } : {}),
    },
    render(out) {
      out.print(
        renderOutcome(out, last, [
          [ctx.out.t(t('已付金额', 'paid')), describeFen(plan.payment.amount, out.lang)],
          [ctx.out.t(t('此前已退', 'refunded before')), describeFen(plan.already, out.lang)],
        ]),
      );
      if (last.state === 'pending') out.note(pendingHint(ctx, plan.orderno, plan.refundno));
    },
  };
}

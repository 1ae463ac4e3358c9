import type { CommandInput, CommandResult } from '../../cli/kit/command.js';
import type { Context } from '../../cli/kit/context.js';
import { impPrefix } from '../../cli/kit/hint.js';
import { UsageError } from '../../core/errors.js';
import { ExitCode } from '../../core/exit-codes.js';
import { t } from '../../output/i18n.js';
import { RefundBook } from '../../refund/book.js';
import { parseWait, waitForFinal } from '../../txn/poll.js';
import { queryRefund } from '../../txn/queries.js';
import type { TxnOutcome } from '../../txn/types.js';
import { outcomeJson, renderOutcome } from '../shared/outcome.js';
import { openSession } from '../shared/session.js';

/**
 * `imp refund --resume <refundno> [orderno]`: ask the refund query what became of
 * a refund and record the answer in the journal. It never sends a refund: a refund
 * that turns out not to exist is recorded as failed, and only then may a new one
 * (with a new refundno) be made.
 */
export async function runResume(ctx: Context, input: CommandInput): Promise<CommandResult> {
  const opts = input.opts;
  const refundno = String(opts.resume);
  const sends = [
    opts.amount && '--amount',
    opts.void && '--void',
    opts.refundNo && '--refund-no',
    opts.dryRun && '--dry-run',
  ];
  const clash = sends.filter(Boolean);
  if (clash.length > 0) {
    throw new UsageError(
      ctx.out.t(
        t(
          `--resume 只查询、从不发送退款，不能与 ${clash.join(', ')} 同用`,
          `--resume only queries and never sends a refund: it takes no ${clash.join(', ')}`,
        ),
      ),
    );
  }
  const wait = parseWait(opts.wait);
  const session = await openSession(ctx);
  const book = await RefundBook.load(session.journal);
  // resume only queries, so a damaged line refuses nothing here; the operator still hears of it
  book.warnDamaged(ctx.out, impPrefix(ctx));
  const entry = book.refund(refundno);
  const orderno = entry?.orderno ?? input.args[0];
  if (input.args[0] && entry?.orderno && input.args[0] !== entry.orderno) {
    throw new UsageError(
      ctx.out.t(
        t(
          `退货单号 ${refundno} 在日志中属于订单 ${entry.orderno}，不是 ${input.args[0]}`,
          `refund ${refundno} belongs to order ${entry.orderno} in the journal, not ${input.args[0]}`,
        ),
      ),
    );
  }
  if (!orderno) {
    throw new UsageError(
      ctx.out.t(
        t(
          `日志中没有退货单号 ${refundno}：请给出原订单号（${impPrefix(ctx)} refund <orderno> --resume ${refundno}）`,
          `refund ${refundno} is not in the journal: give the order number (${impPrefix(ctx)} refund <orderno> --resume ${refundno})`,
        ),
      ),
      { code: 'REFUND_NOT_IN_JOURNAL', ids: { refundno } },
    );
  }
  const transno = entry?.transno ?? opts.transno;
  const ask = () =>
    queryRefund(session, { refundno, orderno, transno }, { extras: opts.field, retries: wait ? 0 : 2 });
  let outcome: TxnOutcome = await ask();
  if (wait && outcome.state === 'pending') {
    outcome = await waitForFinal(session, {
      ask,
      seconds: wait,
      ids: { orderno, refundno },
      txn: 'refundquery',
      label: ctx.out.t(t('等待退款结果', 'waiting for the refund')),
    });
  }
  const failed = outcome.state === 'failure';
  const before = entry?.state;
  return {
    exitCode: failed ? ExitCode.business : ExitCode.ok,
    json: { ...outcomeJson(outcome, !failed), journal: { found: !!entry, before: before ?? null } },
    render(out) {
      out.print(renderOutcome(out, outcome));
      if (!entry) {
        out.note(
          ctx.out.t(
            t(
              '（该退款不在本地日志中，未记录）',
              '(this refund is not in the local journal; nothing recorded)',
            ),
          ),
        );
      }
      if (failed) {
        out.note(
          ctx.out.t(
            t(
              '该退款没有成功；如需再退，请发起新的退款（会生成新的退货单号）',
              'this refund did not happen; to refund, run the refund command again (it gets a new refundno)',
            ),
          ),
        );
      }
    },
  };
}

import type { CommandResult, CommandRun } from '../../cli/command.js';
import { ensureArgs } from '../../cli/prompt.js';
import { UsageError } from '../../core/errors.js';
import { parseDecimalYuan, parseFen } from '../../core/money.js';
import { dryRunResult } from '../../txn/order-command.js';
import { parseWait, waitForFinal } from '../../txn/poll.js';
import { prepareTxn } from '../../txn/prepare.js';
import { queryPayment, queryRefund, refundTradeno } from '../../txn/queries.js';
import { outcomeResult } from '../../txn/render.js';
import { openSession, type TxnSession } from '../../txn/session.js';
import type { TxnOutcome } from '../../txn/types.js';

/**
 * `imp query <orderno> [--transno] [--wait]` (payment, spec 2.6.5) and
 * `imp query --refund <refundno> --order <orderno> [--transno] [--wait]` (spec 2.6.4).
 * Queries are read-only: retried on unknown outcomes, and a final answer settles
 * the matching journal entries. `--batch` is the batch runner's (src/batch).
 */
export const run: CommandRun = async (ctx, input) => {
  const opts = input.opts;
  if (opts.batch) {
    // Contract with the batch runner (REFUND dev): src/batch/query-batch.ts exports runQueryBatch: CommandRun.
    const where = '../../batch/query-batch.js';
    const mod = (await import(where).catch((err: NodeJS.ErrnoException) => {
      if (err?.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('query-batch'))
        return undefined;
      throw err;
    })) as { runQueryBatch?: CommandRun } | undefined;
    if (!mod?.runQueryBatch) throw new UsageError('imp query --batch is not available in this build');
    return mod.runQueryBatch(ctx, input);
  }
  const refund = opts.refund !== undefined;
  const positional = input.args[0];
  if (refund && positional && opts.order && positional !== opts.order) {
    throw new UsageError(`two order numbers given: ${positional} and --order ${opts.order}`);
  }
  const values = await ensureArgs(
    ctx,
    { orderno: positional ?? opts.order, refund: opts.refund },
    refund
      ? [
          {
            key: 'orderno',
            flag: '--order',
            message: { zh: '原商户订单号', en: 'merchant order number of the payment' },
          },
        ]
      : [{ key: 'orderno', flag: '<orderno>', message: { zh: '商户订单号', en: 'merchant order number' } }],
  );
  const orderno = String(values.orderno);
  const transno = opts.transno ? String(opts.transno) : undefined;
  const wait = parseWait(opts.wait);
  const session = await openSession(ctx);
  const extras = opts.field as string[] | undefined;

  if (opts.dryRun) return dryRun(session, refund ? String(opts.refund) : undefined, orderno, transno, extras);

  const zh = ctx.lang === 'zh';
  const ask = refund
    ? () =>
        queryRefund(
          session,
          { refundno: String(opts.refund), orderno, transno },
          { extras, retries: wait ? 0 : 2 },
        )
    : () => queryPayment(session, { orderno, transno }, { extras, retries: wait ? 0 : 2 });
  const outcome =
    wait === undefined
      ? await ask()
      : await waitForFinal(session, {
          ask,
          seconds: wait,
          ids: { orderno, ...(refund ? { refundno: String(opts.refund) } : {}) },
          txn: refund ? 'refundquery' : 'query',
          label: refund
            ? zh
              ? `等待退款结果 ${opts.refund}`
              : `waiting for refund ${opts.refund}`
            : zh
              ? `等待支付结果 ${orderno}`
              : `waiting for payment of ${orderno}`,
        });
  return outcomeResult(outcome, refund ? { extraJson: { amounts: refundAmounts(outcome) } } : {});
};

/** The two amounts of a refund query answer, named (2.6.4.4: amt_refund in 元 is the refund, amt_trans in 分 the order). */
function refundAmounts(o: TxnOutcome): { refund_fen: number | null; order_fen: number | null } {
  return {
    refund_fen: parseDecimalYuan(o.response.amt_refund ?? '') ?? null,
    order_fen: parseFen(o.response.amt_trans ?? '') ?? null,
  };
}

async function dryRun(
  session: TxnSession,
  refundno: string | undefined,
  orderno: string,
  transno: string | undefined,
  extras: string[] | undefined,
): Promise<CommandResult> {
  if (refundno === undefined) {
    return dryRunResult(
      await prepareTxn(session, 'query', { fields: { orderno, ...(transno ? { transno } : {}) }, extras }),
    );
  }
  // A dry run sends nothing, so the payment's IMP order number can only come from the journal or --transno.
  const prv = transno ?? (await session.journal.find({ orderno })).reverse().find((e) => e.transno)?.transno;
  if (!prv)
    throw new UsageError('--dry-run of a refund query needs --transno (the payment is not in the journal)');
  const tradeno = await refundTradeno(session, refundno, orderno);
  const fields = { refundno, orderno, prv_transno: prv, ...(tradeno ? { tradeno } : {}) };
  return dryRunResult(await prepareTxn(session, 'refundquery', { fields, extras }));
}

import type { CommandResult, CommandRun } from '../../cli/kit/command.js';
import { ensureArgs } from '../../cli/kit/prompt.js';
import { UsageError } from '../../core/errors.js';
import { parseDecimalYuan, parseFen } from '../../core/money.js';
import { t } from '../../output/i18n.js';
import { checkWireIds } from '../../protocol/wire-safe.js';
import { parseWait, waitForFinal } from '../../txn/poll.js';
import { prepareTxn } from '../../txn/prepare.js';
import { queryPayment, queryRefund, refundTradeno } from '../../txn/queries.js';
import type { TxnSession } from '../../txn/session.js';
import type { TxnOutcome } from '../../txn/types.js';
import { dryRunResult } from '../shared/order-command.js';
import { outcomeResult } from '../shared/outcome.js';
import { openSession } from '../shared/session.js';

/**
 * `imp query <orderno> [--transno] [--wait]` (payment, spec 2.6.5) and
 * `imp query --refund <refundno> [--order <orderno>] [--transno] [--wait]` (spec 2.6.4; the order
 * from the journal when not given).
 * Queries are read-only: retried on unknown outcomes, and a final answer settles
 * the matching journal entries. `--batch` is batch.ts (on src/batch's runner).
 */
export const run: CommandRun = async (ctx, input) => {
  const opts = input.opts;
  if (opts.batch) {
    const { runQueryBatch } = await import('./batch.js');
    return runQueryBatch(ctx, input);
  }
  const refund = opts.refund !== undefined;
  const positional = input.args[0];
  if (refund && positional && opts.order && positional !== opts.order) {
    throw new UsageError(`two order numbers given: ${positional} and --order ${opts.order}`);
  }
  const session = await openSession(ctx);
  const known =
    positional ?? opts.order ?? (refund ? await orderOfRefund(session, String(opts.refund)) : undefined);
  const values = await ensureArgs(
    ctx,
    { orderno: known, refund: opts.refund },
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
  checkWireIds([
    [refund ? '--order' : '<orderno>', orderno],
    ['--refund', opts.refund],
    ['--transno', opts.transno],
  ]);
  const transno = opts.transno ? String(opts.transno) : undefined;
  const wait = parseWait(opts.wait);
  const extras = opts.field as string[] | undefined;

  if (opts.dryRun) return dryRun(session, refund ? String(opts.refund) : undefined, orderno, transno, extras);

  // the answer settles the journal: read it while the platform answers, not after
  await session.journal.prefetch();
  const ask = refund
    ? () =>
        queryRefund(
          session,
          { refundno: String(opts.refund), orderno, transno },
          { extras, retries: wait ? 0 : 2, journal: true },
        )
    : () => queryPayment(session, { orderno, transno }, { extras, retries: wait ? 0 : 2, journal: true });
  const outcome =
    wait === undefined
      ? await ask()
      : await waitForFinal(session, {
          ask,
          seconds: wait,
          ids: { orderno, ...(refund ? { refundno: String(opts.refund) } : {}) },
          txn: refund ? 'refundquery' : 'query',
          label: refund
            ? ctx.out.t(t(`等待退款结果 ${opts.refund}`, `waiting for refund ${opts.refund}`))
            : ctx.out.t(t(`等待支付结果 ${orderno}`, `waiting for payment of ${orderno}`)),
        });
  return outcomeResult(outcome, refund ? { extraJson: { amounts: refundAmounts(outcome) } } : {});
};

/**
 * `query --refund <refundno>` without `--order`: the journal knows which order a refund of this
 * profile belongs to. Undefined when it does not (then `--order` is asked for as before).
 */
async function orderOfRefund(session: TxnSession, refundno: string): Promise<string | undefined> {
  const orders = new Set(
    (await session.journal.find({ refundno })).map((e) => e.orderno).filter((o): o is string => !!o),
  );
  if (orders.size > 1) {
    throw new UsageError(
      `refund ${refundno} is journaled under orders ${[...orders].join(', ')}: pass --order`,
      {
        ids: { refundno },
      },
    );
  }
  return [...orders][0];
}

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

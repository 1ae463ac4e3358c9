import { ImpError, SignatureError, UnknownOutcomeError } from '../core/errors.js';
import { prepareTxn } from '../txn/prepare.js';
import { sendPrepared } from '../txn/send.js';
import type { TxnSession } from '../txn/session.js';
import type { PreparedTxn, TxnOutcome } from '../txn/types.js';
import type { RefundBook } from './book.js';
import { type RefundPlan, resumeHints } from './plan.js';

/** Build, validate and sign the refund of a plan (all `--dry-run` needs). */
export function prepareRefund(
  session: TxnSession,
  plan: RefundPlan,
  extras?: readonly string[],
): Promise<PreparedTxn> {
  return prepareTxn(session, 'refund', { fields: plan.fields, extras });
}

/**
 * Send a planned refund exactly once through the transaction pipeline (journal
 * line fsynced before it leaves, outcome after) and note it in the book. When no
 * trustworthy answer arrives the error (exit 3, or 4 for a bad signature) names
 * the refund query and `imp refund --resume`, never a re-send.
 */
export async function sendRefund(
  session: TxnSession,
  book: RefundBook,
  plan: RefundPlan,
  opts: { extras?: readonly string[]; journalExtra?: Record<string, string | number | boolean> } = {},
): Promise<TxnOutcome> {
  const prepared = await prepareRefund(session, plan, opts.extras);
  const journalExtra = { opertype: plan.opertype, ...opts.journalExtra };
  const at = new Date().toISOString();
  const note = (id: string | undefined, state: TxnOutcome['state']) => {
    if (!id) return;
    book.add({
      id,
      txn: 'refund',
      at,
      orderno: plan.orderno,
      refundno: plan.refundno,
      transno: plan.payment.transno,
      amount: plan.amount,
      extra: journalExtra,
      state,
    });
  };
  try {
    const outcome = await sendPrepared(session, prepared, { journalExtra });
    note(outcome.journalId, outcome.state);
    return outcome;
  } catch (err) {
    if (err instanceof ImpError) {
      const id = err.details.journalId as string | undefined;
      const unknown = err instanceof UnknownOutcomeError || err instanceof SignatureError;
      note(id, unknown ? 'unknown' : 'failure');
      if (unknown) {
        err.ids.refundno ??= plan.refundno;
        err.hints.push(...resumeHints(session.ctx.lang === 'zh', plan.refundno).slice(0, 1));
      }
    }
    throw err;
  }
}

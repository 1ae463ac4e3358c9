import { ImpError, NotSentError, SignatureError, UnknownOutcomeError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { msg } from '../core/message.js';
import { english, saidHints } from '../output/messages/errors.js';
import { prepareTxn } from '../txn/prepare.js';
import { sendPrepared } from '../txn/send.js';
import type { TxnSession } from '../txn/session.js';
import type { PreparedTxn, TxnOutcome } from '../txn/types.js';
import type { RefundBook } from './book.js';
import { refundFields } from './fields.js';
import { type RefundPlan, resumeHints } from './plan.js';

/**
 * The journal's claim rule (journal/claims.ts): if another imp process began a refund of the same
 * order after this one read the journal and before this one's begin line, this one sends nothing.
 */
async function checkClaim(book: RefundBook, plan: RefundPlan, id: string): Promise<void> {
  const rival = await book.claims?.rivalBefore(id, plan.orderno);
  if (!rival) return;
  const said = msg('refund-claimed', { orderno: plan.orderno, rival: rival.refundno ?? rival.id });
  throw new ImpError(english(said), ExitCode.usage, {
    code: 'REFUND_CLAIMED',
    said,
    ids: { orderno: plan.orderno, refundno: plan.refundno },
  });
}

/** Build, validate and sign the refund of a plan (all `--dry-run` needs). */
export function prepareRefund(
  session: TxnSession,
  plan: RefundPlan,
  extras?: readonly string[],
): Promise<PreparedTxn> {
  return prepareTxn(session, 'refund', { fields: refundFields(plan), extras });
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
  const journalBegin = { busino: plan.busino, ordinal: plan.ordinal, attempt: plan.attempt };
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
      ...journalBegin,
      state,
    });
  };
  try {
    const outcome = await sendPrepared(session, prepared, {
      journalExtra,
      journalBegin,
      afterBegin: (id) => checkClaim(book, plan, id),
    });
    note(outcome.journalId, outcome.state);
    return outcome;
  } catch (err) {
    if (err instanceof ImpError) {
      const id = err.details.journalId as string | undefined;
      const unknown = err instanceof UnknownOutcomeError || err instanceof SignatureError;
      note(
        id,
        unknown
          ? 'unknown'
          : err instanceof NotSentError || err.code === 'REFUND_CLAIMED'
            ? 'not_sent'
            : 'failure',
      );
      err.ids.refundno ??= plan.refundno;
      if (unknown) {
        const resume = resumeHints(session, plan.refundno).slice(0, 1);
        err.hints.push(...saidHints(resume).hints);
        err.hintsSaid?.push(...resume);
      }
    }
    throw err;
  }
}

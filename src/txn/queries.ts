import { isNotFound } from '../catalogue/respcodes.js';
import { UsageError } from '../core/errors.js';
import { msg } from '../core/message.js';
import { isFinalState } from '../journal/types.js';
import { english } from '../output/messages/errors.js';
import { prepareTxn } from './prepare.js';
import { sendPrepared } from './send.js';
import type { TxnSession } from './session.js';
import type { SendOptions, TxnOutcome } from './types.js';

/** Options shared by the two query helpers. */
export interface QueryOptions {
  /** Extra attempts on outcome-unknown failures (default 2). */
  retries?: number;
  /** `--field k=v` extras. */
  extras?: readonly string[];
  /** Record the answer on matching unsettled journal entries (default true). */
  settle?: boolean;
  /** Journal the query itself (not fsynced), as `imp query` and batch queries do. */
  journal?: boolean;
}

const PAYMENT_TXNS = new Set(['pay', 'qrcode', 'scan', 'wechat']);

/** Payment query (spec 2.6.5) for one order. Returns the verified outcome (failure when no such order). */
export async function queryPayment(
  session: TxnSession,
  ids: { orderno: string; transno?: string },
  opts: QueryOptions = {},
): Promise<TxnOutcome> {
  const fields = { orderno: ids.orderno, ...(ids.transno ? { transno: ids.transno } : {}) };
  const p = await prepareTxn(session, 'query', { fields, extras: opts.extras });
  const outcome = await sendPrepared(session, p, { retries: opts.retries, journal: opts.journal });
  if (opts.settle !== false) await settleFromQuery(session, outcome);
  return outcome;
}

/**
 * Refund query (spec 2.6.4). The spec requires the payment's IMP order number
 * (prv_transno): when not given it comes from the journal, else from a payment query.
 */
export async function queryRefund(
  session: TxnSession,
  ids: { refundno: string; orderno: string; transno?: string },
  opts: QueryOptions = {},
): Promise<TxnOutcome> {
  const prvTransno = ids.transno ?? (await paymentTransno(session, ids.orderno, opts));
  const tradeno = await refundTradeno(session, ids.refundno, ids.orderno);
  const fields = {
    refundno: ids.refundno,
    orderno: ids.orderno,
    prv_transno: prvTransno,
    ...(tradeno ? { tradeno } : {}),
  };
  const p = await prepareTxn(session, 'refundquery', { fields, extras: opts.extras } satisfies SendOptions);
  const outcome = await sendPrepared(session, p, { retries: opts.retries, journal: opts.journal });
  if (opts.settle !== false) await settleFromQuery(session, outcome);
  return outcome;
}

/** The refund's IMP serial (imp_tradeno of its answer), when the journal holds it: 2.6.4.3 asks for it. */
export async function refundTradeno(
  session: TxnSession,
  refundno: string,
  orderno: string,
): Promise<string | undefined> {
  const entries = await session.journal.find({ orderno, refundno, txn: 'refund' });
  for (const e of entries.reverse()) {
    const known = [...e.history].reverse().find((h) => h.tradeno)?.tradeno;
    if (known) return known;
  }
  return undefined;
}

/** The IMP order number of a payment: from the journal when known, else asked with the payment query. */
export async function paymentTransno(
  session: TxnSession,
  orderno: string,
  opts: QueryOptions = {},
): Promise<string> {
  const known = (await session.journal.find({ orderno }))
    .reverse()
    .find((e) => e.transno && e.txn !== 'refund');
  session.journal.warnDamaged(session.out, session.imp);
  if (known?.transno) return known.transno;
  const q = await queryPayment(session, { orderno }, { ...opts, settle: opts.settle });
  if (!q.response.transno) {
    const said = msg('txn-no-transno', { orderno, answer: q.respmsg ?? q.respcode ?? '' });
    throw new UsageError(english(said), { code: 'NO_TRANSNO', said, ids: { orderno } });
  }
  return q.response.transno;
}

/** May a query's verified answer settle a journal entry (success, or a definite "no such …")? */
export function answerSettles(q: Pick<TxnOutcome, 'txn' | 'respcode' | 'status'>): boolean {
  const byStatus = !q.respcode && q.status !== undefined;
  return q.respcode === '00000' || byStatus || isNotFound(q.txn, q.respcode);
}

/**
 * Record a query's verified answer on the unsettled journal entries it speaks
 * for: the payment entries of the order (payment query) or the refund entry
 * (refund query). Lets `imp query <orderno>`, the hint printed on exit 3,
 * settle the journal. Returns the ids of the entries updated.
 */
export async function settleFromQuery(session: TxnSession, q: TxnOutcome): Promise<string[]> {
  if (q.txn !== 'query' && q.txn !== 'refundquery') return [];
  const { orderno, refundno } = q.request;
  if (!orderno) return [];
  // An error answer settles nothing except the platform's own "no such refund/order" for this
  // request (catalogue NOT_FOUND_CODES): never a respmsg text, never a merchant-level,
  // signature, system or unlisted code (a mistyped busino answers "merchant does not exist").
  // (A refund query answer without respcode but with its status was classified by that status.)
  if (!answerSettles(q)) return [];
  const entries =
    q.txn === 'query'
      ? (await session.journal.find({ orderno })).filter((e) => PAYMENT_TXNS.has(e.txn))
      : refundno
        ? await session.journal.find({ orderno, refundno, txn: 'refund' })
        : [];
  session.journal.warnDamaged(session.out, session.imp);
  const updated: string[] = [];
  for (const e of entries) {
    if (isFinalState(e.state) || e.state === q.state) continue;
    await session.journal.finish(e.id, {
      state: q.state,
      respcode: q.respcode,
      respmsg: q.respmsg,
      status: q.status?.value,
      transno: q.response.transno || q.response.prv_transno || undefined,
      verified: true,
      source: 'query',
    });
    updated.push(e.id);
  }
  return updated;
}

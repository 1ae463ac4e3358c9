import { UsageError } from '../core/errors.js';
import { isFinalState } from '../journal/types.js';
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
  const outcome = await sendPrepared(session, p, { retries: opts.retries });
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
  const outcome = await sendPrepared(session, p, { retries: opts.retries });
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
  session.journal.warnDamaged(session.ctx.out);
  if (known?.transno) return known.transno;
  const q = await queryPayment(session, { orderno }, { ...opts, settle: opts.settle });
  if (!q.response.transno) {
    throw new UsageError(
      session.ctx.lang === 'zh'
        ? `无法得到订单 ${orderno} 的 IMP 订单号（${q.respmsg ?? q.respcode}）：请用 --transno 指定`
        : `cannot find the IMP order number of ${orderno} (${q.respmsg ?? q.respcode}): give it with --transno`,
      { code: 'NO_TRANSNO', ids: { orderno } },
    );
  }
  return q.response.transno;
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
  // An error answer (no such order, bad field) settles nothing except a definite "no such order".
  // (A refund query answer without respcode but with its status was classified by that status.)
  const byStatus = !q.respcode && q.status !== undefined;
  if (q.respcode !== '00000' && !byStatus && !/不存在|no such/i.test(q.respmsg ?? '')) return [];
  const entries =
    q.txn === 'query'
      ? (await session.journal.find({ orderno })).filter((e) => PAYMENT_TXNS.has(e.txn))
      : refundno
        ? await session.journal.find({ orderno, refundno, txn: 'refund' })
        : [];
  session.journal.warnDamaged(session.ctx.out);
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

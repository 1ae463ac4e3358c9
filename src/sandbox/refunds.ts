import { formatYuan } from '../core/money.js';
import { cstParts } from '../core/time.js';
import type { Fields } from '../protocol/signer.js';
import { fail, ok, type Reply } from './answer.js';
import type { SandboxCore } from './core.js';
import type { OrderRecord, RefundRecord } from './state.js';
import { refundOutcome } from './triggers.js';

const EFFECT = {
  'refund-drop': 'drop',
  'refund-delay': 'delay',
  'refund-bad-sign': 'bad-sign',
} as const satisfies Record<string, Reply['effect']>;

/** What identifies a refund's content: the same refundno with the same content is a retry. */
function fingerprint(req: Fields): string {
  return [req.orderno, req.prv_transno, req.prv_tradeno, req.refund_amt, req.opertype].join('|');
}

/** The refund answer's status: the application was received (0) unless it already failed (4). */
function applyStatus(r: RefundRecord): string {
  return r.status === '4' ? '4' : r.status === '1' ? '1' : '0';
}

function refundAnswer(r: RefundRecord, o: OrderRecord | undefined): Fields {
  return {
    refund_status: applyStatus(r),
    orderno: r.orderno,
    imp_tradeno: r.tradeno,
    prv_transno: r.transno,
    prv_tradeno: o?.imp_tradeno ?? '',
  };
}

/**
 * Refund (2.6.3): opertype 2 partial and repeated up to the paid amount; opertype 1
 * (void) only on the payment's day and for the full amount. A refundno is a promise:
 * reused with the same content it answers the existing refund, otherwise it is refused.
 */
export async function createRefund(core: SandboxCore, req: Fields): Promise<Reply> {
  const busino = req.busino as string;
  const refundno = req.refundno as string;
  const amount = Number(req.refund_amt);
  const outcome = refundOutcome(amount);
  const ids = { orderno: req.orderno ?? '' };
  if (!(amount > 0)) return fail('badField', 'refund_amt must be greater than 0', ids);
  const existing = core.store.refund(busino, refundno);
  if (existing) {
    if (existing.fingerprint !== fingerprint(req))
      return fail('duplicateRefund', `refundno ${refundno}`, ids);
    return ok(refundAnswer(existing, core.store.byTransno.get(existing.transno)));
  }
  if (outcome === 'refund-500') return { effect: 'http-500', resp: 'system', values: {} };
  const o = core.store.byTransno.get(req.prv_transno ?? '') ?? core.store.order(busino, req.orderno ?? '');
  if (!o || o.busino !== busino) return fail('noOrder', `prv_transno ${req.prv_transno ?? ''}`, ids);
  if (req.orderno && req.orderno !== o.orderno) return fail('mismatch', 'orderno', ids);
  if (req.prv_tradeno && req.prv_tradeno !== o.imp_tradeno) return fail('mismatch', 'prv_tradeno', ids);
  if (req.prv_tramt && Number(req.prv_tramt) !== o.amount) return fail('mismatch', 'prv_tramt', ids);
  if (o.status !== '0') return fail('notPaid', `orderno ${o.orderno}`, ids);
  const held = core.refundedOrHeld(o);
  const { date } = core.cst();
  if (req.opertype === '1') {
    if (o.day !== date) return fail('voidRule', `paid on ${o.day}, today is ${date}: use opertype 2`, ids);
    if (amount !== o.amount || held > 0) return fail('voidRule', `full amount ${o.amount} only`, ids);
  } else if (held + amount > o.amount) {
    return fail('overRefund', `refundable ${o.amount - held}, asked ${amount}`, ids);
  }
  const r: RefundRecord = {
    seq: core.store.nextSeq(),
    busino,
    refundno,
    orderno: o.orderno,
    transno: o.transno,
    tradeno: core.newId('R'),
    amount,
    opertype: req.opertype ?? '2',
    reason: req.refund_reason,
    status: '1',
    target: outcome === 'refund-failed' ? '4' : outcome === 'refund-processing' ? undefined : '0',
    createdAt: core.now().getTime(),
    day: date,
    fingerprint: fingerprint(req),
  };
  core.store.putRefund(r);
  core.scheduleRefund(r);
  await core.store.commit();
  const effect = outcome in EFFECT ? EFFECT[outcome as keyof typeof EFFECT] : 'answer';
  return ok({ ...refundAnswer(r, o), refund_status: '0' }, effect);
}

/** Refund query (2.6.4): status 1 processing → 0 refunded or 4 failed. */
export function queryRefund(core: SandboxCore, req: Fields): Reply {
  const busino = req.busino ?? '';
  const r = core.store.refund(busino, req.refundno ?? '');
  const ids = { refundno: req.refundno ?? '', orderno: req.orderno ?? '' };
  if (!r || (req.orderno && req.orderno !== r.orderno))
    return fail('noRefund', `refundno ${req.refundno ?? ''}`, ids);
  const o = core.store.byTransno.get(r.transno);
  // 2.6.4.3: the refund's IMP serial, when the merchant knows it, must be the refund's
  if (req.tradeno && req.tradeno !== r.tradeno) return fail('mismatch', `tradeno ${req.tradeno}`, ids);
  const settled = r.status === '0';
  const created = cstParts(new Date(r.createdAt));
  return ok({
    refundno: r.refundno,
    amt_refund: formatYuan(r.amount),
    orderno: r.orderno,
    prv_transno: r.transno,
    prv_tradeno: o?.imp_tradeno ?? '',
    imp_tradeno: r.tradeno,
    // required by 2.6.4.4 whatever the state: the channel serial exists once the refund is applied
    chn_tradeno: `5000${r.tradeno}`,
    transdate: r.day,
    transtime: r.finalTime ? r.finalTime.slice(8) : created.time,
    status: r.status,
    // 2.6.4.4: amt_trans is the order's amount (分); the refund's is amt_refund (元)
    amt_trans: o ? String(o.amount) : '',
    currency: '156',
    settle_amt: settled ? String(r.amount) : '',
    settle_date: settled ? r.day : '',
    settle_currency: '156',
    amt_total: o ? formatYuan(o.amount) : '',
    refund_reason: r.reason ?? '',
  });
}

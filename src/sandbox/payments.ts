import {
  PAY_TYPE_CODES,
  payTypeOfQrcodeType,
  QRCODE_TYPE_CODES,
  qrcodeTypeOfPayType,
} from '../catalogue/enums.js';
import type { TxnDef } from '../catalogue/types.js';
import { formatYuan } from '../core/money.js';
import type { Fields } from '../protocol/signer.js';
import { fail, ok, type Reply } from './answer.js';
import type { SandboxCore } from './core.js';
import type { OrderRecord, PaymentTxn } from './state.js';
import { authCodePayType, paymentOutcome } from './triggers.js';

/** Where a customer "scans": the sandbox's own host (qrcodeUrl). */
export function qrUrl(origin: string, o: OrderRecord): string {
  return `${origin}/pos/qr/${o.transno}`;
}

/** The payment fields every payment answer, query and notification shares. */
export function paymentValues(core: SandboxCore, o: OrderRecord, origin: string): Fields {
  return {
    orderno: o.orderno,
    transno: o.transno,
    imp_tradeno: o.imp_tradeno,
    chn_tradeno: o.status === '0' ? o.chn_tradeno : '',
    qrcodeType: o.qrcodeType ?? qrcodeTypeOfPayType(o.payType) ?? QRCODE_TYPE_CODES.aggregate,
    qrcodeUrl: o.txn === 'pay' || o.txn === 'qrcode' ? qrUrl(origin, o) : '',
    transdate: o.day,
    amt_trans: String(o.amount),
    currency: '156',
    account: o.account ?? '',
    pay_type: o.payType,
    pay_acctno: o.pay_acctno ?? '',
    settle_amt: o.status === '0' ? String(o.amount - core.serviceFee(o.amount)) : '',
    settle_date: o.status === '0' ? o.day : '',
    settle_currency: '156',
  };
}

/**
 * pay, qrcode, scan and wechat: create the order (unique per busino+orderno), then
 * apply the amount's trigger. Browser orders (the cashier page) are never auto-paid.
 */
export async function createPayment(
  core: SandboxCore,
  txn: TxnDef,
  req: Fields,
  origin: string,
  browser = false,
): Promise<{ reply: Reply; order?: OrderRecord }> {
  const amount = Number(req.amt_trans);
  if (!(amount > 0))
    return { reply: fail('badField', 'amt_trans must be greater than 0', { orderno: req.orderno ?? '' }) };
  const outcome = paymentOutcome(amount);
  if (outcome === 'http-500') return { reply: { effect: 'http-500', resp: 'system', values: {} } };
  if (outcome === 'refused')
    return { reply: fail('refused', `amt_trans ${amount}`, { orderno: req.orderno ?? '' }) };
  let payType = req.pay_type ?? '';
  if (txn.name === 'scan') {
    const kind = authCodePayType(req.auth_code ?? '');
    if (kind === 'invalid')
      return { reply: fail('badAuthCode', 'auth_code', { orderno: req.orderno ?? '' }) };
    payType = kind;
  } else if (txn.name === 'wechat') payType = PAY_TYPE_CODES.wechat;
  else if (!payType && req.qrcode_type) payType = payTypeOfQrcodeType(req.qrcode_type) ?? '';
  const busino = req.busino as string;
  const orderno = req.orderno as string;
  if (core.store.order(busino, orderno)) {
    return { reply: fail('duplicateOrder', `orderno ${orderno}`, { orderno }) };
  }
  const now = core.now();
  const { date } = core.cst();
  const seq = core.store.nextSeq();
  const o: OrderRecord = {
    seq,
    busino,
    orderno,
    txn: txn.name as PaymentTxn,
    transno: core.newId('IMP'),
    imp_tradeno: core.newId('T'),
    chn_tradeno: core.newId('4200'),
    amount,
    status: '1',
    closed: false,
    createdAt: now.getTime(),
    day: date,
    trdate: req.trdate ?? date,
    payType,
    qrcodeType: req.qrcode_type,
    account: req.account,
    notifyUrl: req.notify_url,
    returnUrl: req.return_url,
    ordertitle: req.ordertitle,
    orderdesc: req.orderdesc,
    autoPay: !browser && outcome !== 'pending' && txn.name !== 'scan',
  };
  core.store.putOrder(o);
  const instant = outcome === 'paid' || outcome === 'drop' || (txn.name === 'scan' && outcome !== 'pending');
  if (instant && !browser) core.settlePayment(o, '0');
  else if (outcome === 'failed') core.settlePayment(o, '4');
  else core.scheduleAutoPay(o);
  await core.store.commit();
  const effect =
    outcome === 'drop'
      ? 'drop'
      : outcome === 'delay'
        ? 'delay'
        : outcome === 'bad-sign'
          ? 'bad-sign'
          : 'answer';
  const values = { ...paymentValues(core, o, origin), status: o.status };
  if (txn.name === 'wechat') Object.assign(values, wechatParams(core, o));
  return { reply: ok(values, effect), order: o };
}

/** The JSAPI parameters a WeChat answer carries (fake, but shaped like WeChat's). */
function wechatParams(core: SandboxCore, o: OrderRecord): Fields {
  return {
    timeStamp: String(Math.floor(core.now().getTime() / 1000)),
    nonceStr: o.imp_tradeno.slice(-16),
    package: `prepay_id=wx${o.transno}`,
    signType: 'RSA',
    paySign: Buffer.from(`sandbox:${o.transno}`).toString('base64'),
  };
}

function findOrder(core: SandboxCore, req: Fields): OrderRecord | undefined {
  const busino = req.busino ?? '';
  const byNo = req.orderno ? core.store.order(busino, req.orderno) : undefined;
  if (byNo) return byNo;
  const transno = req.transno || req.prv_transno;
  const byTrans = transno ? core.store.byTransno.get(transno) : undefined;
  return byTrans && byTrans.busino === busino && (!req.orderno || byTrans.orderno === req.orderno)
    ? byTrans
    : undefined;
}

/** Payment query (2.6.5): a closed unpaid order reads as failed, as it can never be paid. */
export function queryPayment(core: SandboxCore, req: Fields, origin: string): Reply {
  const o = findOrder(core, req);
  if (!o)
    return fail('noOrder', `orderno ${req.orderno ?? req.transno ?? ''}`, { orderno: req.orderno ?? '' });
  const status = o.closed && o.status !== '0' ? '4' : o.status;
  return ok({
    ...paymentValues(core, o, origin),
    status,
    trans_sub_type: o.txn === 'scan' ? '06' : '07',
    amt_total: formatYuan(o.amount),
  });
}

/** Close (2.6.9): 0 closed, 1 already paid, 2 already closed, 4 no such order; UnionPay QR refused. */
export async function closeOrder(core: SandboxCore, req: Fields): Promise<Reply> {
  const o = findOrder(core, req);
  const values = (status: string): Fields => ({
    orderno: req.orderno ?? '',
    pay_serialno: o?.imp_tradeno ?? '',
    prv_trdate: o?.trdate ?? req.prv_trdate ?? '',
    order_status: status,
  });
  if (!o) return ok(values('4'));
  if (o.status === '0') return ok(values('1'));
  if (o.closed) return ok(values('2'));
  if (o.payType === PAY_TYPE_CODES.unionpay || o.qrcodeType === QRCODE_TYPE_CODES.unionpay) {
    return fail('closeUnsupported', 'UnionPay QR (00015)', { orderno: o.orderno });
  }
  o.closed = true;
  o.autoPay = false;
  core.store.putOrder(o);
  await core.store.commit();
  return ok(values('0'));
}

/** A customer pays (`imp sandbox pay`, the cashier page, the QR page). */
export async function customerPays(core: SandboxCore, o: OrderRecord): Promise<'paid' | 'not-pending'> {
  if (o.status !== '1' || o.closed) return 'not-pending';
  core.settlePayment(o, '0');
  await core.store.commit();
  return 'paid';
}

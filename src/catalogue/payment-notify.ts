import { t } from '../output/i18n.js';
import { vary } from './field.js';
import * as F from './fields/index.js';
import { answerHeader, SIGN_FIELDS } from './header.js';
import { PAYMENT_APPLY_STATUS, PAYMENT_STATUS } from './status.js';
import type { FieldDef, TxnDef } from './types.js';

/**
 * The asynchronous payment notification (异步应答) of pay 2.6.2.5, qrcode 2.6.6.5,
 * scan 2.6.7.5 and wechat 2.6.8.5: the four tables are identical except for the
 * subcode example (consume, applyQrcode, consumenotify, consumenotify).
 */
export const PAYMENT_NOTIFY: readonly FieldDef[] = [
  ...answerHeader(),
  F.ordernoAnswered,
  vary(F.transno, { description: 'IMP平台订单号(注：对应IMP平台订单信息的订单号)' }),
  vary(F.imp_tradeno, { required: true }),
  F.chnTradenoPlatform,
  vary(F.transdate, { required: true }),
  vary(F.statusPaid, { required: false }),
  F.amt_trans,
  F.currencyAnswered,
  F.settle_amt,
  F.settle_date,
  F.settle_currency,
  F.accountAnswered,
  F.pay_type,
  F.pay_acctno,
  ...SIGN_FIELDS,
];

/** What the four payment transactions answer and notify, and how their status reads. */
export const PAYMENT_OUTCOMES: Pick<TxnDef, 'status' | 'notify' | 'notifyStatus'> = {
  status: PAYMENT_APPLY_STATUS,
  notify: PAYMENT_NOTIFY,
  notifyStatus: PAYMENT_STATUS,
};

/** The note of the four payment answers whose status 0 only means accepted. */
export const POLL_NOTE = t(
  '应答 status 为 0 或 1 时需通过支付交易查询获取最终结果。',
  'Answer status 0 or 1: poll the payment query for the final result.',
);

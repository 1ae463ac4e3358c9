import { t } from '../output/i18n.js';
import { vary } from './field.js';
import * as F from './fields/index.js';
import { answerHeader, REQUEST_HEADER, SIGN_FIELDS } from './header.js';
import { PAYMENT_OUTCOMES, POLL_NOTE } from './payment-notify.js';
import type { TxnDef } from './types.js';

/** Spec 2.6.2. */
export const PAY: TxnDef = {
  name: 'pay',
  label: t('消费交易', 'payment (web checkout)'),
  spec: '2.6.2',
  path: 'IMP-CPos/b2c/pay/busConsume.do',
  trtype: 'GP00011',
  subcode: 'guokai.gpay.consume',
  request: [
    ...REQUEST_HEADER,
    ...F.PAYMENT_MERCHANT,
    ...F.NEW_ORDER,
    ...F.ORDER_GOODS,
    F.order_valtime,
    ...F.ORDER_RETURN,
    F.confflag,
    vary(F.pay_type, {
      specType: 'Char(5)',
      note: t(
        '本表只列 00081、00091；00015（银联二维码）见于其他交易的应答',
        'this table lists 00081 and 00091 only; 00015 (UnionPay QR) appears in other answers',
      ),
      description: '支付方式\n00081微信支付\n00091支付宝支付',
    }),
    ...SIGN_FIELDS,
  ],
  answer: [
    ...answerHeader(),
    ...F.PAYMENT_IDS,
    F.chn_tradeno,
    F.qrcodeType,
    F.qrcodeUrl,
    F.statusApplied,
    ...F.PAYMENT_AMOUNTS,
    F.pay_type,
    F.pay_acctno,
    ...SIGN_FIELDS,
  ],
  ...PAYMENT_OUTCOMES,
  notes: [
    t(
      '示例报文用 trtype GP00001，表格为 GP00011：采用表格。',
      'The example uses trtype GP00001, the table GP00011: the table wins.',
    ),
    POLL_NOTE,
    t(
      '应答中 pay_type 示例值 00011 不在支付方式列表内。',
      "The answer's pay_type example 00011 is not one of the listed payment methods.",
    ),
  ],
};

import { t } from '../output/i18n.js';
import * as F from './fields/index.js';
import { answerHeader, REQUEST_HEADER, SIGN_FIELDS } from './header.js';
import { PAYMENT_OUTCOMES, POLL_NOTE } from './payment-notify.js';
import type { TxnDef } from './types.js';

/** Spec 2.6.7. */
export const SCAN: TxnDef = {
  name: 'scan',
  label: t('被扫消费', 'scan (merchant scans payment code)'),
  spec: '2.6.7',
  path: 'IMP-CPos/b2c/pay/busSweptPay.do',
  trtype: 'GP00011',
  subcode: 'guokai.gpay.sweptPay',
  request: [
    ...REQUEST_HEADER,
    ...F.PAYMENT_MERCHANT,
    F.auth_code,
    ...F.NEW_ORDER,
    ...F.ORDER_GOODS,
    ...F.ORDER_RETURN,
    F.confflag,
    ...SIGN_FIELDS,
  ],
  answer: [
    ...answerHeader(),
    ...F.PAYMENT_IDS,
    F.chn_tradeno,
    F.statusApplied,
    ...F.PAYMENT_AMOUNTS,
    F.payTypeListed,
    F.pay_acctno,
    ...SIGN_FIELDS,
  ],
  ...PAYMENT_OUTCOMES,
  notifySubcode: 'guokai.gpay.consumenotify',
  notes: [
    t(
      "表格子码写作 'guokai.gpay. sweptPay'（多空格），发送时去掉空格。",
      "The table writes the subcode 'guokai.gpay. sweptPay' (stray space); it is sent without it.",
    ),
    POLL_NOTE,
  ],
};

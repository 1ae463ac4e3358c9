import { t } from '../output/i18n.js';
import { vary } from './field.js';
import * as F from './fields/index.js';
import { answerHeader, REQUEST_HEADER, SIGN_FIELDS } from './header.js';
import { PAYMENT_OUTCOMES, POLL_NOTE } from './payment-notify.js';
import type { TxnDef } from './types.js';

/** Spec 2.6.6. */
export const QRCODE: TxnDef = {
  name: 'qrcode',
  label: t('申请二维码', 'QR code (customer scans)'),
  spec: '2.6.6',
  path: 'IMP-CPos/b2c/pay/busApplyQrcode.do',
  trtype: 'GP00011',
  subcode: 'guokai.gpay.applyQrcode',
  request: [
    ...REQUEST_HEADER,
    ...F.PAYMENT_MERCHANT,
    ...F.NEW_ORDER,
    F.qrcode_type,
    ...F.ORDER_GOODS,
    ...F.ORDER_RETURN,
    vary(F.confflag, { description: `${F.confflag.description}。` }),
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
    F.payTypeListed,
    F.pay_acctno,
    ...SIGN_FIELDS,
  ],
  ...PAYMENT_OUTCOMES,
  notes: [
    POLL_NOTE,
    t(
      '测试环境建议使用支付宝，其他支付方式不支持或有限制。',
      "In the bank's test environment use Alipay; other wallets are limited there.",
    ),
    t('应答示例 currency 前缺少 &。', 'The answer example lacks the & before currency.'),
  ],
};

import { t } from '../output/i18n.js';
import * as F from './fields/index.js';
import { answerHeader, REQUEST_HEADER, SIGN_FIELDS } from './header.js';
import { CLOSE_STATUS } from './status.js';
import type { TxnDef } from './types.js';

/** Spec 2.6.9. */
export const CLOSE: TxnDef = {
  name: 'close',
  label: t('关闭订单', 'close order'),
  spec: '2.6.9',
  path: 'IMP-CPos/b2c/pay/busCloseOrder.do',
  trtype: 'GP00013',
  subcode: 'guokai.gpay.consume',
  answerSubcode: 'guokai.gpay.closeorder',
  answerTrtype: 'GP00011',
  request: [
    ...REQUEST_HEADER,
    F.busino,
    F.subbusino,
    F.ordernoUnique,
    F.prv_transno,
    F.prv_tradeno,
    F.prv_trdate,
    ...SIGN_FIELDS,
  ],
  answer: [
    ...answerHeader(),
    F.ordernoAnswered,
    F.pay_serialno,
    F.prv_trdate,
    F.order_status,
    ...SIGN_FIELDS,
  ],
  status: CLOSE_STATUS,
  notes: [
    t(
      '请求子码为 guokai.gpay.consume，应答为 guokai.gpay.closeorder；应答 trtype 示例为 GP00011。',
      "The request subcode is guokai.gpay.consume, the answer's guokai.gpay.closeorder; the answer's trtype example is GP00011.",
    ),
    t(
      '仅支持微信、支付宝交易，银联二维码不支持关单；关单前先查询，未支付才关闭。',
      'WeChat and Alipay only, not UnionPay QR; query first and close only if unpaid.',
    ),
  ],
};

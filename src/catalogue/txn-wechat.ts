import { t } from '../output/i18n.js';
import { vary } from './field.js';
import * as F from './fields/index.js';
import { answerHeader, REQUEST_HEADER, SIGN_FIELDS } from './header.js';
import { PAYMENT_OUTCOMES } from './payment-notify.js';
import type { TxnDef } from './types.js';

/** Spec 2.6.8. */
export const WECHAT: TxnDef = {
  name: 'wechat',
  label: t('微信下单（获取支付参数）', 'WeChat order (JSAPI parameters)'),
  spec: '2.6.8',
  path: 'IMP-CPos/b2c/pay/busConsumeByParam.do',
  trtype: 'GP00011',
  subcode: 'guokai.gpay.busConsumeByParam',
  request: [
    ...REQUEST_HEADER,
    ...F.PAYMENT_MERCHANT,
    F.param_type,
    F.sub_appid,
    F.sub_openid,
    ...F.NEW_ORDER,
    ...F.ORDER_GOODS,
    ...F.ORDER_RETURN,
    F.confflag,
    ...SIGN_FIELDS,
  ],
  answer: [
    ...answerHeader('no-certid'),
    ...F.PAYMENT_IDS,
    F.statusApplied,
    ...F.PAYMENT_AMOUNTS,
    vary(F.pay_type, { description: '支付方式\n00081微信支付' }),
    ...F.JSAPI_PARAMS,
    ...SIGN_FIELDS,
  ],
  ...PAYMENT_OUTCOMES,
  notifySubcode: 'guokai.gpay.consumenotify',
  notes: [
    t(
      "表格子码写作 'guokai.gpay. busConsumeByParam'（多空格），发送时去掉空格；示例 trtype 为 GP00012，表格为 GP00011。",
      "The table writes the subcode 'guokai.gpay. busConsumeByParam' (stray space), sent without it; the example uses trtype GP00012, the table GP00011.",
    ),
    t('同步应答表没有 certid。', 'The synchronous answer table has no certid.'),
    t('前端调起支付时 package 需加前缀 prepay_id=。', 'Front-end code must prefix package with prepay_id=.'),
  ],
};

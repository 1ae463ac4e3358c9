import { t } from '../output/i18n.js';
import { vary } from './field.js';
import * as F from './fields/index.js';
import { answerHeader, REQUEST_HEADER, SIGN_FIELDS } from './header.js';
import { PAYMENT_STATUS } from './status.js';
import type { TxnDef } from './types.js';

/** Spec 2.6.5. */
export const QUERY: TxnDef = {
  name: 'query',
  label: t('支付交易查询', 'payment query'),
  spec: '2.6.5',
  path: 'IMP-CPos/b2c/pay/busConsumeQuery.do',
  trtype: 'GP00063',
  subcode: 'guokai.gpay.consumequery',
  answerTrtype: 'GP00011',
  request: [
    ...REQUEST_HEADER,
    vary(F.busino, { specType: 'Char(30)' }),
    vary(F.orderno, { specType: 'Char(30)' }),
    F.subbusino,
    vary(F.transno, {
      specType: 'Char(30)',
      description:
        'IMP平台订单号(对应消费、申码、被扫类支付交易返回的IMP平台订单信息的订单号)\n注：非必填，有则建议填写。',
    }),
    ...SIGN_FIELDS,
  ],
  answer: [
    ...answerHeader(),
    ...F.PAYMENT_IDS,
    F.chn_tradeno,
    F.statusPaid,
    ...F.PAYMENT_AMOUNTS,
    vary(F.pay_type, { description: '支付方式\n00015  银联\n00081  微信\n00091  支付宝' }),
    F.trans_sub_type,
    F.pay_acctno,
    F.coupon,
    F.amt_coupon,
    F.vircoin,
    F.amt_vircoin,
    F.redpack_coupon,
    F.amt_redpack,
    F.amt_total,
    ...SIGN_FIELDS,
  ],
  status: PAYMENT_STATUS,
  notes: [
    t(
      "表格 trtype 为 GP00063，示例为 GP00061；子码表格写作 'guokai.gpay. consumeQuery'（多空格），示例与实际对接为 guokai.gpay.consumequery：采用 GP00063 与 guokai.gpay.consumequery，可在配置 overrides 中修改。",
      "The table says GP00063, the example GP00061; the table writes the subcode 'guokai.gpay. consumeQuery' (stray space), the example and a real integration guokai.gpay.consumequery. Defaults: GP00063 and guokai.gpay.consumequery (overridable per profile).",
    ),
    t('应答表 trtype 示例为 GP00011。', "The answer table's trtype example is GP00011."),
  ],
};

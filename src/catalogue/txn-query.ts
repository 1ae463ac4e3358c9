import { t } from '../output/i18n.js';
import { PAY_TYPE, TRANS_SUB_TYPE } from './enums.js';
import { field } from './field.js';
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
  request: [
    ...REQUEST_HEADER,
    field('busino', 'Char(30)', true, t('商户号', 'merchant number')),
    field('orderno', 'Char(30)', true, t('商户订单号', 'merchant order number')),
    field('subbusino', 'Char(30)', 'conditional', t('子商户号', 'sub-merchant number'), {
      note: t('平台商接入必须送', 'required when connecting as a platform (agent) merchant'),
      description: '子商户号，平台商接入必须送',
    }),
    field('transno', 'Char(30)', false, t('IMP平台订单号', 'IMP order number'), {
      description:
        'IMP平台订单号(对应消费、申码、被扫类支付交易返回的IMP平台订单信息的订单号)\n注：非必填，有则建议填写。',
    }),
    ...SIGN_FIELDS,
  ],
  answer: [
    ...answerHeader(),
    field('orderno', 'varchar(30)', true, t('商户订单流水号', 'merchant order number')),
    field('transno', 'varchar(30)', false, t('IMP平台订单号', 'IMP order number')),
    field('imp_tradeno', 'varchar(32)', false, t('IMP平台支付流水号', 'IMP payment serial')),
    field('chn_tradeno', 'varchar(32)', false, t('IMP渠道支付流水号', 'channel serial')),
    field('status', 'char(1)', true, t('支付状态', 'status'), {
      kind: 'digits',
      description: '支付状态，0 处理成功  9 初始状态  1待支付返回/状态未知  4-支付结果为失败',
    }),
    field('transdate', 'char(8)', false, t('账务日期', 'accounting date'), { kind: 'date' }),
    field('amt_trans', 'Int', false, t('订单金额', 'order amount (fen)'), {
      example: '180',
      description: '订单金额，单位为分，比如1元用100表示',
    }),
    field('currency', 'char(3)', false, t('货币代码', 'currency code'), {
      kind: 'digits',
      example: '156',
      description: '货币代码，默认156',
    }),
    field('account', 'varchar(32)', 'conditional', t('聚合收单会员号', 'member account'), {
      note: t('会员必填', 'required for members'),
      example: 'LGIMP20180503193039202519',
      description: '聚合收单会员号,会员必填',
    }),
    field('pay_type', 'char(5)', false, t('支付方式', 'payment method'), {
      enum: PAY_TYPE,
      example: '00015',
      description: '支付方式\n00015  银联\n00081  微信\n00091  支付宝',
    }),
    field('trans_sub_type', 'char(2)', false, t('支付交易子类', 'payment sub-type'), {
      enum: TRANS_SUB_TYPE,
      example: '06',
      description: '支付交易子类\n06-被扫\n07-主扫',
    }),
    field('pay_acctno', 'varchar(32)', false, t('支付账号', 'payer account')),
    field('coupon', 'Char(30)', false, t('优惠券代码', 'coupon code')),
    field('amt_coupon', 'Number(15.2)', false, t('优惠金额', 'coupon amount (yuan)')),
    field('vircoin', 'Char(30)', false, t('商户卡券代码', 'merchant voucher code'), {
      description: '商户卡券代码，是指商户发行的代金券、定额消费卡、可充值消费卡等',
    }),
    field('amt_vircoin', 'Number(15.2)', false, t('商户卡券金额', 'merchant voucher amount (yuan)'), {
      description: '商户卡券金额，支持红包余额+优惠券+红包券+商户卡券+支付金额组合支付',
    }),
    field('redpack_coupon', 'Char(30)', false, t('红包券代码', 'red-packet coupon code')),
    field('amt_redpack', 'Number(15.2)', false, t('红包券金额', 'red-packet amount (yuan)'), {
      description: '红包券金额，支持红包余额+优惠券+红包券+商户卡券+支付金额组合支付',
    }),
    field('amt_total', 'Number(15.2)', false, t('订单交易总金额', 'order total (yuan)'), {
      description: '订单交易总金额=订单金额+ 红包券金额+ 商户卡券',
    }),
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

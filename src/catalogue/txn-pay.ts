import { t } from '../output/i18n.js';
import { CHANNEL_TYPE, CONFFLAG, ONLINE_FLAG, PAY_TYPE, QRCODE_TYPE } from './enums.js';
import { field } from './field.js';
import { answerHeader, REQUEST_HEADER, SIGN_FIELDS } from './header.js';
import { PAYMENT_NOTIFY } from './payment-notify.js';
import { PAYMENT_APPLY_STATUS, PAYMENT_STATUS } from './status.js';
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
    field('busino', 'char(30)', true, t('商户号', 'merchant number')),
    field('subbusino', 'Char(30)', 'conditional', t('子商户号', 'sub-merchant number'), {
      note: t('平台商接入必须送', 'required when connecting as a platform (agent) merchant'),
      description: '子商户号，平台商接入必须送',
    }),
    field('term_no', 'Char(8)', false, t('终端号', 'terminal number'), {
      description: '终端号\n可用于绑定门店',
    }),
    field('orderno', 'char(30)', true, t('商户订单号', 'merchant order number'), {
      description: '商户订单号，商户端保证唯一',
    }),
    field('transno', 'varchar(30)', false, t('IMP平台订单号', 'IMP order number')),
    field('amt_trans', 'Int', true, t('订单金额', 'order amount (fen)'), {
      example: '180',
      description: '订单金额，单位为分，比如1元用100表示',
    }),
    field('currency', 'char(3)', true, t('货币代码', 'currency code'), {
      kind: 'digits',
      fixed: '156',
      example: '156',
      description: '货币代码，默认156',
    }),
    field('ordertitle', 'char(64)', true, t('订单主题', 'order title'), { example: '12306购票' }),
    field('orderdesc', 'char(128)', true, t('商品描述', 'order description'), {
      example: '广州至南昌高铁票',
    }),
    field('order_valtime', 'char(20)', false, t('订单有效期', 'order validity (minutes)'), {
      kind: 'digits',
      description: '订单有效期(单位分)',
    }),
    field('return_url', 'char(256)', true, t('前台返回地址', 'front-end return URL'), {
      kind: 'url',
      example: 'http://113.111.68.60:8089/IMP/return.do',
      description: '前台返回商户结果时使用',
    }),
    field('notify_url', 'char(256)', true, t('异步回调地址', 'notification URL'), {
      kind: 'url',
      example: 'http://113.111.68.60:8089/IMP/alipay/notify.do',
    }),
    field('account', 'char', 'conditional', t('聚合收单会员号', 'member account'), {
      note: t('会员必填', 'required for members'),
      example: 'LGIMP20180503193039202519',
      description: '聚合收单会员号,会员必填',
    }),
    field('regname', 'char(60)', 'conditional', t('姓名', 'member name'), {
      note: t('会员必填', 'required for members'),
      example: '李四',
      description: '姓名,会员必填',
    }),
    field('channel_type', 'Char(2)', true, t('渠道类型', 'channel type'), {
      enum: CHANNEL_TYPE,
      description: '渠道类型,07-PC 08-WAP',
    }),
    field('onlineflag', 'Char(1)', false, t('费率类型', 'rate type'), {
      enum: ONLINE_FLAG,
      description: '费率类型,0-线下 1-线上',
    }),
    field('confflag', 'Char(1)', true, t('确认收货标志', 'receipt confirmation flag'), {
      enum: CONFFLAG,
      description: '确认收货标志, 0线上确认收货，8线上待收货(暂不启用)，9线下免确认收货。\n默认请填9',
    }),
    field('pay_type', 'Char(5)', false, t('支付方式', 'payment method'), {
      enum: PAY_TYPE,
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
    field('orderno', 'varchar(30)', true, t('商户订单流水号', 'merchant order number')),
    field('transno', 'varchar(30)', false, t('IMP平台订单号', 'IMP order number')),
    field('imp_tradeno', 'varchar(32)', false, t('IMP平台支付流水号', 'IMP payment serial')),
    field('chn_tradeno', 'varchar(32)', false, t('IMP渠道支付流水号', 'channel serial')),
    field('qrcodeType', 'varchar(2)', true, t('二维码类型', 'QR code type'), {
      enum: QRCODE_TYPE,
      description: '二维码类型，00-聚合支付（默认），01-支付宝，02-微信，03-银联',
    }),
    field('qrcodeUrl', 'varchar(200)', true, t('IMP平台订单号二维码', 'QR code URL'), { kind: 'url' }),
    field('status', 'char(1)', true, t('支付状态', 'status'), {
      kind: 'digits',
      description:
        '支付状态，0 支付申请受理成功  9 初始状态  1待支付返回/状态未知  4-支付结果为失败\n注：当支付状态为0或1时，需通过支付交易查询获取最终支付结果',
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
      example: '00011',
    }),
    field('pay_acctno', 'varchar(32)', false, t('支付账号', 'payer account')),
    ...SIGN_FIELDS,
  ],
  status: PAYMENT_APPLY_STATUS,
  notify: PAYMENT_NOTIFY,
  notifyStatus: PAYMENT_STATUS,
  notes: [
    t(
      '示例报文用 trtype GP00001，表格为 GP00011：采用表格。',
      'The example uses trtype GP00001, the table GP00011: the table wins.',
    ),
    t(
      '应答 status 为 0 或 1 时需通过支付交易查询获取最终结果。',
      'Answer status 0 or 1: poll the payment query for the final result.',
    ),
    t(
      '应答中 pay_type 示例值 00011 不在支付方式列表内。',
      "The answer's pay_type example 00011 is not one of the listed payment methods.",
    ),
  ],
};

import { t } from '../output/i18n.js';
import { CHANNEL_TYPE, CONFFLAG, ONLINE_FLAG, PARAM_TYPE, PAY_TYPE } from './enums.js';
import { field } from './field.js';
import { answerHeader, REQUEST_HEADER, SIGN_FIELDS } from './header.js';
import { PAYMENT_NOTIFY } from './payment-notify.js';
import { PAYMENT_APPLY_STATUS, PAYMENT_STATUS } from './status.js';
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
    field('busino', 'char(30)', true, t('商户号', 'merchant number')),
    field('subbusino', 'Char(30)', 'conditional', t('子商户号', 'sub-merchant number'), {
      note: t('平台商接入必须送', 'required when connecting as a platform (agent) merchant'),
      description: '子商户号，平台商接入必须送',
    }),
    field('term_no', 'Char(8)', false, t('终端号', 'terminal number'), {
      description: '终端号\n可用于绑定门店',
    }),
    field('param_type', 'Char(1)', true, t('参数类型', 'parameter type'), {
      enum: PARAM_TYPE,
      description: '0-小程序 1-公众号',
    }),
    field(
      'sub_appid',
      'char(32)',
      true,
      t('公众号/小程序appid', 'app id (official account / mini program)'),
      {
        description: '商户的公众号/小程序appid',
      },
    ),
    field('sub_openid', 'char(32)', true, t('用户openid', 'user openid'), {
      description: '商户公众号/小程序获取用户的openid',
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
    ...SIGN_FIELDS,
  ],
  answer: [
    ...answerHeader('no-certid'),
    field('orderno', 'varchar(30)', true, t('商户订单流水号', 'merchant order number')),
    field('transno', 'varchar(30)', false, t('IMP平台订单号', 'IMP order number')),
    field('imp_tradeno', 'varchar(32)', false, t('IMP平台支付流水号', 'IMP payment serial')),
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
      example: '00081',
      description: '支付方式\n00081微信支付',
    }),
    field('timeStamp', 'varchar(10)', false, t('支付参数-时间戳', 'JSAPI timeStamp')),
    field('nonceStr', 'varchar(32)', false, t('支付参数-随机字符串', 'JSAPI nonceStr')),
    field('package', 'varchar(32)', false, t('支付参数-预下单号', 'JSAPI package (prepay id)'), {
      description: '支付参数-预下单号（前端调起支付时需要在该参数前添加prepay_id=）',
    }),
    field('signType', 'varchar(10)', false, t('支付参数-签名类型', 'JSAPI signType')),
    field('paySign', 'varchar(500)', false, t('支付参数-签名串', 'JSAPI paySign')),
    ...SIGN_FIELDS,
  ],
  status: PAYMENT_APPLY_STATUS,
  notify: PAYMENT_NOTIFY,
  notifyStatus: PAYMENT_STATUS,
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

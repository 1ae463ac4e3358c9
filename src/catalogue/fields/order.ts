import { t } from '../../output/i18n.js';
import { CHANNEL_TYPE, CONFFLAG, ONLINE_FLAG, QRCODE_TYPE } from '../enums.js';
import { field, vary } from '../field.js';

// The order: its numbers, what it sells, where the customer and the notification go.

/** 商户订单号, as the requests that name an existing order write it. */
export const orderno = field('orderno', 'char(30)', true, t('商户订单号', 'merchant order number'), {
  kind: 'id',
});

/** orderno where the spec adds that the merchant keeps it unique (pay, qrcode, scan, wechat, close requests). */
export const ordernoUnique = vary(orderno, { description: '商户订单号，商户端保证唯一' });

/** orderno in the payment answers and notifications, where the spec calls it 商户订单流水号. */
export const ordernoAnswered = vary(orderno, {
  specType: 'varchar(30)',
  label: t('商户订单流水号', 'merchant order number'),
});

/** IMP平台订单号: the platform's number for the order (transno). */
export const transno = field('transno', 'varchar(30)', false, t('IMP平台订单号', 'IMP order number'), {
  kind: 'id',
});

export const ordertitle = field('ordertitle', 'char(64)', true, t('订单主题', 'order title'), {
  example: '12306购票',
});

export const orderdesc = field('orderdesc', 'char(128)', true, t('商品描述', 'order description'), {
  example: '广州至南昌高铁票',
});

/** 订单有效期 in minutes (pay only). */
export const order_valtime = field(
  'order_valtime',
  'char(20)',
  false,
  t('订单有效期', 'order validity (minutes)'),
  {
    kind: 'digits',
    description: '订单有效期(单位分)',
  },
);

export const return_url = field('return_url', 'char(256)', true, t('前台返回地址', 'front-end return URL'), {
  kind: 'url',
  example: 'http://113.111.68.60:8089/IMP/return.do',
  description: '前台返回商户结果时使用',
});

/** 异步回调地址: where the platform posts the payment notification. */
export const notify_url = field('notify_url', 'char(256)', true, t('异步回调地址', 'notification URL'), {
  kind: 'url',
  example: 'http://113.111.68.60:8089/IMP/alipay/notify.do',
});

export const channel_type = field('channel_type', 'Char(2)', true, t('渠道类型', 'channel type'), {
  enum: CHANNEL_TYPE,
  description: '渠道类型,07-PC 08-WAP',
});

export const onlineflag = field('onlineflag', 'Char(1)', false, t('费率类型', 'rate type'), {
  enum: ONLINE_FLAG,
  description: '费率类型,0-线下 1-线上',
});

/** 确认收货标志; the qrcode table ends its description with 。, the others without. */
export const confflag = field('confflag', 'Char(1)', true, t('确认收货标志', 'receipt confirmation flag'), {
  enum: CONFFLAG,
  description: '确认收货标志, 0线上确认收货，8线上待收货(暂不启用)，9线下免确认收货。\n默认请填9',
});

/** 二维码类型 of the qrcode request. */
export const qrcode_type = field('qrcode_type', 'char(2)', false, t('二维码类型', 'QR code type'), {
  enum: QRCODE_TYPE,
  description:
    '00-聚合支付，01-支付宝，02-微信，03-银联 不送则默认聚合(注意：建议使用支付宝测试，其他支付方式测试环境不支持或有限制)',
});

/** 二维码类型 of the pay and qrcode answers (camel case there). */
export const qrcodeType = field('qrcodeType', 'varchar(2)', true, t('二维码类型', 'QR code type'), {
  enum: QRCODE_TYPE,
  description: '二维码类型，00-聚合支付（默认），01-支付宝，02-微信，03-银联',
});

/** The QR code's content (a URL) in the pay and qrcode answers. */
export const qrcodeUrl = field('qrcodeUrl', 'varchar(200)', true, t('IMP平台订单号二维码', 'QR code URL'), {
  kind: 'url',
});

// The original order that refunds and close name.

/** 原IMP平台订单号: the payment's transno. */
export const prv_transno = field(
  'prv_transno',
  'char(30)',
  false,
  t('原IMP平台订单号', 'original IMP order number'),
  { kind: 'id' },
);

/** 原IMP平台支付流水号: the payment's imp_tradeno. */
export const prv_tradeno = field(
  'prv_tradeno',
  'Char(32)',
  false,
  t('原IMP平台支付流水号', 'original IMP payment serial'),
);

/** 原订单日期 as close writes it: varchar(14), a date or a date and time. */
export const prv_trdate = field(
  'prv_trdate',
  'varchar(14)',
  false,
  t('原订单日期', 'original transaction date'),
  {
    kind: 'digits',
    note: t('varchar(14)：yyyyMMdd 或 yyyyMMddHHmmss', 'varchar(14): yyyyMMdd or yyyyMMddHHmmss'),
  },
);

/** pay_serialno of the close answer: the spec describes it exactly like orderno. */
export const pay_serialno = field(
  'pay_serialno',
  'varchar(30)',
  false,
  t('商户订单流水号', 'payment serial'),
  {
    note: t(
      '规范对此字段的说明与 orderno 相同，含义不明',
      'the spec describes it exactly like orderno; meaning unclear',
    ),
  },
);

import { t } from '../../output/i18n.js';
import { PARAM_TYPE, PAY_TYPE } from '../enums.js';
import { field, vary } from '../field.js';

// Who pays and how: the member, the wallet, the WeChat user and the JSAPI parameters.

/** 聚合收单会员号 of a request (the spec types it plain `char`). */
export const account = field('account', 'char', 'conditional', t('聚合收单会员号', 'member account'), {
  note: t('会员必填', 'required for members'),
  example: 'LGIMP20180503193039202519',
  description: '聚合收单会员号,会员必填',
});

/** 聚合收单会员号 of answers and notifications. */
export const accountAnswered = vary(account, { specType: 'varchar(32)' });

/** 姓名 of a member. */
export const regname = field('regname', 'char(60)', 'conditional', t('姓名', 'member name'), {
  note: t('会员必填', 'required for members'),
  example: '李四',
  description: '姓名,会员必填',
});

/** 消费者二维码: the customer's payment code that scan reads. */
export const auth_code = field('auth_code', 'Char(32)', true, t('消费者二维码', 'customer payment code'));

/** 支付方式 as answers and notifications carry it; each table lists the values differently. */
export const pay_type = field('pay_type', 'char(5)', false, t('支付方式', 'payment method'), {
  enum: PAY_TYPE,
  example: '00081',
});

/** pay_type where the table lists all three methods (qrcode and scan answers). */
export const payTypeListed = vary(pay_type, {
  description: '支付方式\n00015银联二维码\n00081微信支付\n00091支付宝支付',
});

export const pay_acctno = field('pay_acctno', 'varchar(32)', false, t('支付账号', 'payer account'));

// WeChat (2.6.8): who the user is, and what the front end needs to start the payment.

/** 参数类型: mini program or official account. */
export const param_type = field('param_type', 'Char(1)', true, t('参数类型', 'parameter type'), {
  enum: PARAM_TYPE,
  description: '0-小程序 1-公众号',
});

/** The merchant's app id. */
export const sub_appid = field(
  'sub_appid',
  'char(32)',
  true,
  t('公众号/小程序appid', 'app id (official account / mini program)'),
  { description: '商户的公众号/小程序appid' },
);

/** The user's openid under that app. */
export const sub_openid = field('sub_openid', 'char(32)', true, t('用户openid', 'user openid'), {
  description: '商户公众号/小程序获取用户的openid',
});

/** The JSAPI parameters of the WeChat answer, in the spec's order. */
export const JSAPI_PARAMS = [
  field('timeStamp', 'varchar(10)', false, t('支付参数-时间戳', 'JSAPI timeStamp')),
  field('nonceStr', 'varchar(32)', false, t('支付参数-随机字符串', 'JSAPI nonceStr')),
  field('package', 'varchar(32)', false, t('支付参数-预下单号', 'JSAPI package (prepay id)'), {
    description: '支付参数-预下单号（前端调起支付时需要在该参数前添加prepay_id=）',
  }),
  field('signType', 'varchar(10)', false, t('支付参数-签名类型', 'JSAPI signType')),
  field('paySign', 'varchar(500)', false, t('支付参数-签名串', 'JSAPI paySign')),
] as const;

import { t } from '../output/i18n.js';
import { PAY_TYPE } from './enums.js';
import { field } from './field.js';
import { answerHeader, SIGN_FIELDS } from './header.js';
import type { FieldDef } from './types.js';

/**
 * The asynchronous payment notification (异步应答) of pay 2.6.2.5, qrcode 2.6.6.5,
 * scan 2.6.7.5 and wechat 2.6.8.5: the four tables are identical except for the
 * subcode example (consume, applyQrcode, consumenotify, consumenotify).
 */
export const PAYMENT_NOTIFY: readonly FieldDef[] = [
  ...answerHeader(),
  field('orderno', 'varchar(30)', true, t('商户订单流水号', 'merchant order number')),
  field('transno', 'varchar(30)', false, t('IMP平台订单号', 'IMP order number'), {
    description: 'IMP平台订单号(注：对应IMP平台订单信息的订单号)',
  }),
  field('imp_tradeno', 'varchar(32)', true, t('IMP平台支付流水号', 'IMP payment serial')),
  field('chn_tradeno', 'varchar(32)', false, t('IMP平台渠道流水号', 'channel serial')),
  field('transdate', 'char(8)', true, t('账务日期', 'accounting date'), { kind: 'date' }),
  field('status', 'char(1)', false, t('支付状态', 'status'), {
    kind: 'digits',
    description: '支付状态，0 处理成功  9 初始状态  1待支付返回/状态未知  4-支付结果为失败',
  }),
  field('amt_trans', 'Int', true, t('订单金额', 'order amount (fen)'), {
    example: '180',
    description: '订单金额，单位为分，比如1元用100表示',
  }),
  field('currency', 'char(3)', true, t('货币代码', 'currency code'), {
    kind: 'digits',
    example: '156',
    description: '货币代码，默认156',
  }),
  field('settle_amt', 'int', true, t('清算金额', 'settled amount (fen)'), {
    example: '100',
    description: '清算金额，单位为分',
  }),
  field('settle_date', 'char(8)', true, t('清算日期', 'settlement date'), {
    kind: 'date',
    example: '20180516',
    description: '清算日期，格式为yyyyMMdd',
  }),
  field('settle_currency', 'char(3)', true, t('清算币种', 'settlement currency'), {
    kind: 'digits',
    example: '156',
  }),
  field('account', 'varchar(32)', 'conditional', t('聚合收单会员号', 'member account'), {
    note: t('会员必填', 'required for members'),
    example: 'LGIMP20180503193039202519',
    description: '聚合收单会员号,会员必填',
  }),
  field('pay_type', 'char(5)', false, t('支付方式', 'payment method'), { enum: PAY_TYPE, example: '00011' }),
  field('pay_acctno', 'varchar(32)', false, t('支付账号', 'payer account')),
  ...SIGN_FIELDS,
];

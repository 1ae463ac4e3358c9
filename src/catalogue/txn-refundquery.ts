import { t } from '../output/i18n.js';
import { field } from './field.js';
import { answerHeader, REQUEST_HEADER, SIGN_FIELDS } from './header.js';
import { REFUND_STATUS } from './status.js';
import type { TxnDef } from './types.js';

/** Spec 2.6.4. */
export const REFUND_QUERY: TxnDef = {
  name: 'refundquery',
  label: t('查询单笔退款', 'refund query'),
  spec: '2.6.4',
  path: 'IMP-CPos/b2c/pay/busRefundQuery.do',
  trtype: 'GP00062',
  subcode: 'guokai.gpay.refundquery',
  request: [
    ...REQUEST_HEADER,
    field('busino', 'char(30)', true, t('商户号', 'merchant number')),
    field('subbusino', 'Char(30)', 'conditional', t('子商户号', 'sub-merchant number'), {
      note: t('平台商接入必须送', 'required when connecting as a platform (agent) merchant'),
      description: '子商户号，平台商接入必须送',
    }),
    field('refundno', 'char(30)', true, t('退款单号', 'merchant refund number'), {
      description: '退款单号，商户端保证唯一\n注：上一笔退款失败，需重新申请退款时该值需新生成',
    }),
    field('orderno', 'char(30)', true, t('商户原订单号', 'merchant order number')),
    field('prv_transno', 'Char(30)', true, t('IMP平台原订单号', 'original IMP order number'), {
      description:
        'IMP平台原订单号(注：对应消费、申码、被扫类支付交易返回的IMP平台订单信息的订单号)，如果消息交易超时，则通过支付支付交易查询获取transno。',
    }),
    field('tradeno', 'Char(32)', false, t('IMP退货流水号', 'IMP refund serial'), {
      note: t(
        '即退款应答中的 imp_tradeno；有则建议填写',
        "the refund answer's imp_tradeno; recommended when known",
      ),
      description: 'IMP退货流水号，对应退款交易返回的imp_trade_no\n注：非必填，有则建议填写',
    }),
    ...SIGN_FIELDS,
  ],
  answer: [
    ...answerHeader('refund'),
    field('refundno', 'Char', true, t('商户退货单号', 'merchant refund number')),
    field('amt_refund', 'Number(15.2)', true, t('退货金额', 'refund amount (yuan)')),
    field('orderno', 'varchar(30)', true, t('商户订单号', 'merchant order number')),
    field('prv_transno', 'varchar(30)', true, t('IMP平台订单号', 'original IMP order number')),
    field('prv_tradeno', 'Char(32)', true, t('IMP平台原支付流水号', 'original IMP payment serial')),
    field('imp_tradeno', 'varchar(32)', true, t('IMP平台退货流水号', 'IMP refund serial')),
    field('chn_tradeno', 'varchar(32)', true, t('IMP平台渠道流水号', 'channel serial')),
    field('transdate', 'char(8)', true, t('账务日期', 'accounting date'), { kind: 'date' }),
    field('transtime', 'Char(6)', true, t('处理时间', 'processing time'), { kind: 'time' }),
    field('status', 'char(1)', false, t('退款交易状态', 'status'), {
      kind: 'digits',
      description: '退款交易状态，0 退款成功  9 初始状态  1退款处理中/状态未知  4-交易结果为失败',
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
    field('settle_amt', 'Int', 'conditional', t('清算金额', 'settled amount (fen)'), {
      note: t('支付交易必填', 'present for payment transactions'),
      example: '100',
      description: '清算金额，单位为分，支付交易必填',
    }),
    field('settle_date', 'char(8)', 'conditional', t('清算日期', 'settlement date'), {
      note: t('支付交易必填', 'present for payment transactions'),
      kind: 'date',
      example: '20180516',
      description: '清算日期，格式为yyyyMMdd，支付交易必填',
    }),
    field('settle_currency', 'char(3)', 'conditional', t('清算币种', 'settlement currency'), {
      note: t('支付交易必填', 'present for payment transactions'),
      kind: 'digits',
      example: '156',
      description: '清算币种，支付交易必填',
    }),
    field('amt_total', 'Number(15.2)', false, t('订单总金额', 'order total (yuan)')),
    field('refund_reason', 'Char', false, t('退货原因', 'refund reason')),
    ...SIGN_FIELDS,
  ],
  status: REFUND_STATUS,
  notes: [
    t('银行卡支付的退款 3 个工作日后重新查询退款状态。', 'Card refunds: query again after 3 working days.'),
  ],
};

import { t } from '../output/i18n.js';
import { OPERTYPE } from './enums.js';
import { field } from './field.js';
import { answerHeader, REQUEST_HEADER, SIGN_FIELDS } from './header.js';
import { REFUND_APPLY_STATUS } from './status.js';
import type { TxnDef } from './types.js';

/** Spec 2.6.3. */
export const REFUND: TxnDef = {
  name: 'refund',
  label: t('退货类交易', 'refund'),
  spec: '2.6.3',
  path: 'IMP-CPos/b2c/pay/busRefund.do',
  trtype: 'GP00021',
  subcode: 'guokai.gpay.refund',
  request: [
    ...REQUEST_HEADER,
    field('busino', 'char(30)', true, t('商户号', 'merchant number')),
    field('subbusino', 'Char(30)', 'conditional', t('子商户号', 'sub-merchant number'), {
      note: t('平台商接入必须送', 'required when connecting as a platform (agent) merchant'),
      description: '子商户号，平台商接入必须送',
    }),
    field('orderno', 'Char(30)', true, t('商户订单号', 'merchant order number')),
    field('refundno', 'char(30)', true, t('商户退货单号', 'merchant refund number'), {
      description: '商户退货单号，商户必须保证唯一',
    }),
    field('prv_transno', 'char(30)', true, t('原IMP平台订单号', 'original IMP order number'), {
      note: t('即支付应答/查询中的 transno', "the payment's transno (from its answer or the payment query)"),
      description:
        '原IMP平台订单号(注：对应IMP平台订单信息的订单号，对应消费类交易返回的transno，如果消费类交易超时未返回，状态不明确时，则请使用支付交易查询获取)',
    }),
    field('prv_tradeno', 'Char(32)', true, t('原IMP平台支付流水号', 'original IMP payment serial'), {
      note: t(
        '即支付应答/查询中的 imp_tradeno（规范误写为 imp_trade_no）',
        "the payment's imp_tradeno (the spec writes imp_trade_no)",
      ),
      description:
        '原IMP平台支付流水号(注：对应IMP平台订单信息，对应消费类交易返回的imp_trade_no，如果消费类交易超时未返回，状态不明确时，则请使用支付交易查询获取)',
    }),
    field('prv_trdate', 'char(8)', true, t('原交易日期', 'original transaction date'), {
      kind: 'date',
      example: '20160710',
      description: '原交易日期,格式为yyyyMMdd',
    }),
    field('prv_tramt', 'int', true, t('原支付金额', 'original amount (fen)'), {
      example: '100',
      description: '原支付金额,单位为分',
    }),
    field('opertype', 'char(1)', true, t('操作类型', 'operation type'), {
      enum: OPERTYPE,
      example: '2',
      description: '操作类型 1-消费撤销（当天，全额退款）\n2-退货（可分多笔退货）',
    }),
    field('refund_reason', 'char(30)', false, t('退货原因', 'refund reason'), { example: '客户退款' }),
    field('refund_amt', 'int', true, t('退货金额', 'refund amount (fen)'), {
      example: '80',
      description: '退货金额,单位为分',
    }),
    field('currency', 'char(3)', true, t('货币代码', 'currency code'), {
      kind: 'digits',
      fixed: '156',
      example: '156',
      description: '货币代码，默认156',
    }),
    ...SIGN_FIELDS,
  ],
  answer: [
    ...answerHeader('refund'),
    field('refund_status', 'char(1)', false, t('退货处理状态', 'refund status'), {
      kind: 'digits',
      description:
        '退货处理状态9-初始状态 0-退款申请接收成功1-退款处理中 4-退款失败\n说明：\n退款申请接收成功或退款处理中，退款结果通过查询单笔退款接口查询',
    }),
    field('orderno', 'char(30)', false, t('商户订单号', 'merchant order number')),
    field('imp_tradeno', 'char(32)', false, t('IMP退货流水号', 'IMP refund serial')),
    field('prv_transno', 'char(30)', false, t('IMP原订单号', 'original IMP order number')),
    field('prv_tradeno', 'Char(32)', false, t('IMP原支付流水号', 'original IMP payment serial')),
    ...SIGN_FIELDS,
  ],
  status: REFUND_APPLY_STATUS,
  notes: [
    t(
      '退款结果需通过查询单笔退款获取；失败后重新退款需新的 refundno。',
      'The result comes from the refund query; a new refund after a failed one needs a new refundno.',
    ),
    t('示例报文中 trdate/trtime 互换。', "The spec's example swaps trdate and trtime."),
  ],
};

import { t } from '../output/i18n.js';
import { vary } from './field.js';
import * as F from './fields/index.js';
import { answerHeader, REQUEST_HEADER, SIGN_FIELDS } from './header.js';
import { REFUND_STATUS } from './status.js';
import type { TxnDef } from './types.js';

// The settlement fields answer for the payment the refund undoes, so this table makes them conditional.
const forPayments = {
  required: 'conditional',
  note: t('支付交易必填', 'present for payment transactions'),
} as const;

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
    F.busino,
    F.subbusino,
    vary(F.refundno, {
      label: t('退款单号', 'merchant refund number'),
      description: '退款单号，商户端保证唯一\n注：上一笔退款失败，需重新申请退款时该值需新生成',
    }),
    vary(F.orderno, { label: t('商户原订单号', 'merchant order number') }),
    vary(F.prv_transno, {
      specType: 'Char(30)',
      required: true,
      label: t('IMP平台原订单号', 'original IMP order number'),
      description:
        'IMP平台原订单号(注：对应消费、申码、被扫类支付交易返回的IMP平台订单信息的订单号)，如果消息交易超时，则通过支付支付交易查询获取transno。',
    }),
    F.tradeno,
    ...SIGN_FIELDS,
  ],
  answer: [
    ...answerHeader('refund'),
    vary(F.refundno, { specType: 'Char', description: undefined }),
    F.amt_refund,
    vary(F.orderno, { specType: 'varchar(30)' }),
    vary(F.prv_transno, {
      specType: 'varchar(30)',
      required: true,
      label: t('IMP平台订单号', 'original IMP order number'),
    }),
    vary(F.prv_tradeno, { required: true, label: t('IMP平台原支付流水号', 'original IMP payment serial') }),
    vary(F.imp_tradeno, { required: true, label: t('IMP平台退货流水号', 'IMP refund serial') }),
    vary(F.chnTradenoPlatform, { required: true }),
    vary(F.transdate, { required: true }),
    F.transtime,
    vary(F.status, {
      required: false,
      label: t('退款交易状态', 'status'),
      description: '退款交易状态，0 退款成功  9 初始状态  1退款处理中/状态未知  4-交易结果为失败',
    }),
    F.amt_trans,
    F.currencyAnswered,
    vary(F.settle_amt, { ...forPayments, specType: 'Int', description: '清算金额，单位为分，支付交易必填' }),
    vary(F.settle_date, { ...forPayments, description: '清算日期，格式为yyyyMMdd，支付交易必填' }),
    vary(F.settle_currency, { ...forPayments, description: '清算币种，支付交易必填' }),
    vary(F.amt_total, { label: t('订单总金额', 'order total (yuan)'), description: undefined }),
    vary(F.refund_reason, { specType: 'Char' }),
    ...SIGN_FIELDS,
  ],
  status: REFUND_STATUS,
  notes: [
    t('银行卡支付的退款 3 个工作日后重新查询退款状态。', 'Card refunds: query again after 3 working days.'),
  ],
};

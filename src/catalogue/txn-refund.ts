import { t } from '../output/i18n.js';
import { vary } from './field.js';
import * as F from './fields/index.js';
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
    F.busino,
    F.subbusino,
    vary(F.orderno, { specType: 'Char(30)' }),
    F.refundno,
    vary(F.prv_transno, {
      required: true,
      note: t('即支付应答/查询中的 transno', "the payment's transno (from its answer or the payment query)"),
      description:
        '原IMP平台订单号(注：对应IMP平台订单信息的订单号，对应消费类交易返回的transno，如果消费类交易超时未返回，状态不明确时，则请使用支付交易查询获取)',
    }),
    vary(F.prv_tradeno, {
      required: true,
      note: t(
        '即支付应答/查询中的 imp_tradeno（规范误写为 imp_trade_no）',
        "the payment's imp_tradeno (the spec writes imp_trade_no)",
      ),
      description:
        '原IMP平台支付流水号(注：对应IMP平台订单信息，对应消费类交易返回的imp_trade_no，如果消费类交易超时未返回，状态不明确时，则请使用支付交易查询获取)',
    }),
    // a plain date here, where close allows a date and time
    vary(F.prv_trdate, {
      specType: 'char(8)',
      kind: 'date',
      required: true,
      label: t('原交易日期', 'original transaction date'),
      note: undefined,
      example: '20160710',
      description: '原交易日期,格式为yyyyMMdd',
    }),
    F.prv_tramt,
    F.opertype,
    F.refund_reason,
    F.refund_amt,
    F.currency,
    ...SIGN_FIELDS,
  ],
  answer: [
    ...answerHeader('refund'),
    F.refund_status,
    vary(F.orderno, { required: false }),
    vary(F.imp_tradeno, { specType: 'char(32)', label: t('IMP退货流水号', 'IMP refund serial') }),
    vary(F.prv_transno, { label: t('IMP原订单号', 'original IMP order number') }),
    vary(F.prv_tradeno, { label: t('IMP原支付流水号', 'original IMP payment serial') }),
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

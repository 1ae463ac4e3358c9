import { t } from '../../output/i18n.js';
import { OPERTYPE } from '../enums.js';
import { field } from '../field.js';

// What a refund adds to the order: its number, kind, reason and result.

/** 商户退货单号: the merchant's refund number. */
export const refundno = field('refundno', 'char(30)', true, t('商户退货单号', 'merchant refund number'), {
  description: '商户退货单号，商户必须保证唯一',
  kind: 'id',
});

/** 操作类型: void or refund. */
export const opertype = field('opertype', 'char(1)', true, t('操作类型', 'operation type'), {
  enum: OPERTYPE,
  example: '2',
  description: '操作类型 1-消费撤销（当天，全额退款）\n2-退货（可分多笔退货）',
});

export const refund_reason = field('refund_reason', 'char(30)', false, t('退货原因', 'refund reason'), {
  example: '客户退款',
});

/** IMP退货流水号 as the refund query request names it (the refund answer's imp_tradeno). */
export const tradeno = field('tradeno', 'Char(32)', false, t('IMP退货流水号', 'IMP refund serial'), {
  note: t(
    '即退款应答中的 imp_tradeno；有则建议填写',
    "the refund answer's imp_tradeno; recommended when known",
  ),
  description: 'IMP退货流水号，对应退款交易返回的imp_trade_no\n注：非必填，有则建议填写',
});

/** 退货处理状态 of the refund answer. */
export const refund_status = field('refund_status', 'char(1)', false, t('退货处理状态', 'refund status'), {
  kind: 'digits',
  description:
    '退货处理状态9-初始状态 0-退款申请接收成功1-退款处理中 4-退款失败\n说明：\n退款申请接收成功或退款处理中，退款结果通过查询单笔退款接口查询',
});

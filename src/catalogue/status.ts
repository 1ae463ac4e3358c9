import { t } from '../output/i18n.js';
import type { StatusKind, StatusTable, StatusValue } from './types.js';

const s = (value: string, kind: StatusKind, zh: string, en: string): StatusValue => ({
  value,
  kind,
  label: t(zh, en),
});

const table = (field: string, ...values: StatusValue[]): StatusTable => ({ field, values });

// Values several tables share, defined once.
const INITIAL = s('9', 'pending', '初始状态', 'initial');
const PAY_FAILED = s('4', 'failure', '支付失败', 'payment failed');
const REFUND_FAILED = s('4', 'failure', '退款失败', 'refund failed');

/**
 * `status` in the answer of pay, qrcode, scan and wechat: 0 only means the
 * application was accepted, so 0 and 1 both mean "poll the payment query".
 */
export const PAYMENT_APPLY_STATUS = table(
  'status',
  s('0', 'pending', '支付申请受理成功（请查询最终结果）', 'accepted (query for the final result)'),
  INITIAL,
  s('1', 'pending', '待支付返回/状态未知（请查询）', 'awaiting payment / unknown (query again)'),
  PAY_FAILED,
);

/** `status` in the payment query answer and in payment notifications: 0 is paid. */
export const PAYMENT_STATUS = table(
  'status',
  s('0', 'success', '支付成功', 'paid'),
  INITIAL,
  s('1', 'pending', '待支付/状态未知', 'awaiting payment / unknown'),
  PAY_FAILED,
);

/** `refund_status` in the refund answer: the final result comes from the refund query. */
export const REFUND_APPLY_STATUS = table(
  'refund_status',
  INITIAL,
  s('0', 'pending', '退款申请接收成功（请查询退款结果）', 'refund application received (query the result)'),
  s('1', 'pending', '退款处理中', 'refund in progress'),
  REFUND_FAILED,
);

/** `status` in the refund query answer. */
export const REFUND_STATUS = table(
  'status',
  s('0', 'success', '退款成功', 'refunded'),
  INITIAL,
  s('1', 'pending', '退款处理中/状态未知', 'refund in progress / unknown'),
  REFUND_FAILED,
);

/**
 * `order_status` of close. "Already closed" counts as success: the order is
 * closed either way. "Already paid" is a failure: refund instead.
 */
export const CLOSE_STATUS = table(
  'order_status',
  s('0', 'success', '订单关闭成功', 'order closed'),
  s('1', 'failure', '订单已支付（请调用退款交易）', 'order already paid (refund it instead)'),
  s('2', 'success', '订单已关闭，无法重复关闭', 'order was already closed'),
  s('3', 'pending', '系统错误，请重新调用该接口', 'system error, call close again'),
  s('4', 'failure', '订单不存在', 'no such order'),
);

import { PAY_TYPE_CODES } from '../catalogue/enums.js';
import type { Text } from '../output/i18n.js';

// The one table of the sandbox's test triggers (like card test numbers). The README,
// `imp sandbox triggers` and the README print it; TXN and REFUND tests rely on these values.

/** What the sandbox does with a payment (pay, qrcode, scan, wechat). */
export const PAYMENT_OUTCOMES = [
  'normal',
  'paid',
  'pending',
  'failed',
  'delay',
  'drop',
  'bad-sign',
  'http-500',
  'refused',
] as const;
export type PaymentOutcome = (typeof PAYMENT_OUTCOMES)[number];

/** What the sandbox does with a refund. */
export const REFUND_OUTCOMES = [
  'normal',
  'refund-failed',
  'refund-processing',
  'refund-drop',
  'refund-delay',
  'refund-500',
  'refund-bad-sign',
] as const;
export type RefundOutcome = (typeof REFUND_OUTCOMES)[number];

/** One row of the trigger table. */
export interface Trigger<O extends string = string> {
  /** Last two digits of the amount in 分 (`amt_trans` or `refund_amt`), e.g. `03` → 1.03 元. */
  suffix: string;
  outcome: O;
  /** An example amount in 元 that fires it. */
  example: string;
  label: Text;
}

const T = <O extends string>(suffix: string, outcome: O, zh: string, en: string): Trigger<O> => ({
  suffix,
  outcome,
  example: `1.${suffix}`,
  label: { zh, en },
});

/**
 * Payment triggers, by the last two digits of `amt_trans` (分). Any other amount is
 * `normal`: pay/qrcode/wechat wait for the customer (paid automatically after a few
 * seconds), scan is paid at once.
 */
export const PAYMENT_TRIGGERS: readonly Trigger<PaymentOutcome>[] = [
  T('01', 'paid', '立即支付成功（状态 0，发送通知）', 'paid at once (status 0, notification sent)'),
  T(
    '02',
    'pending',
    '一直待支付，不会自动支付（可用 imp sandbox pay）',
    'stays awaiting payment, never paid automatically (use imp sandbox pay)',
  ),
  T('03', 'failed', '支付失败（状态 4，不发通知）', 'payment fails (status 4, no notification)'),
  T(
    '04',
    'delay',
    '订单已创建，应答延迟超过客户端超时',
    'order created, answer delayed past the client timeout',
  ),
  T(
    '05',
    'drop',
    '订单已创建并支付，连接断开无应答（结果未知）',
    'order created and paid, then the connection is dropped without an answer (outcome unknown)',
  ),
  T('06', 'bad-sign', '订单已创建，应答签名错误', 'order created, answer carries a broken signature'),
  T('07', 'http-500', 'HTTP 500，订单未创建', 'HTTP 500, order not created'),
  T(
    '08',
    'refused',
    '业务拒绝（respcode 非 00000），订单未创建',
    'refused by the platform (respcode ≠ 00000), order not created',
  ),
];

/**
 * Refund triggers, by the last two digits of `refund_amt` (分). Any other amount is
 * `normal`: the refund is processing (1) and becomes refunded (0) after a short delay.
 */
export const REFUND_TRIGGERS: readonly Trigger<RefundOutcome>[] = [
  T(
    '91',
    'refund-failed',
    '退款受理后失败（查询状态 4，金额不占用）',
    'refund accepted, then fails (query status 4; amount released)',
  ),
  T('92', 'refund-processing', '退款一直处理中（查询状态 1）', 'refund stays processing (query status 1)'),
  T(
    '93',
    'refund-drop',
    '退款已记录，连接断开无应答（结果未知）',
    'refund recorded, then the connection is dropped without an answer (outcome unknown)',
  ),
  T(
    '94',
    'refund-delay',
    '退款已记录，应答延迟超过客户端超时',
    'refund recorded, answer delayed past the client timeout',
  ),
  T('95', 'refund-500', 'HTTP 500，退款未记录', 'HTTP 500, refund not recorded'),
  T(
    '96',
    'refund-bad-sign',
    '退款已记录，应答签名错误',
    'refund recorded, answer carries a broken signature',
  ),
];

/** One `auth_code` rule of scan (被扫): the code's prefix picks the wallet, as real codes do. */
export interface AuthCodeRule {
  /** Regular expression source the whole auth_code must match. */
  pattern: string;
  /** `pay_type` it yields, or `invalid` for a refused code. */
  payType: (typeof PAY_TYPE_CODES)[keyof typeof PAY_TYPE_CODES] | 'invalid';
  example: string;
  label: Text;
}

/** scan's `auth_code` rules, first match wins; amount triggers apply on top. */
export const AUTH_CODE_RULES: readonly AuthCodeRule[] = [
  {
    pattern: '^0+$',
    payType: 'invalid',
    example: '000000000000000000',
    label: { zh: '付款码无效（业务拒绝）', en: 'invalid payment code (refused)' },
  },
  {
    pattern: '^1[0-5]\\d{16}$',
    payType: PAY_TYPE_CODES.wechat,
    example: '134567890123456789',
    label: { zh: '微信付款码', en: 'WeChat payment code' },
  },
  {
    pattern: '^(2[5-9]|30)\\d{14,22}$',
    payType: PAY_TYPE_CODES.alipay,
    example: '284567890123456789',
    label: { zh: '支付宝付款码', en: 'Alipay payment code' },
  },
  {
    pattern: '^62\\d{17}$',
    payType: PAY_TYPE_CODES.unionpay,
    example: '6212345678901234567',
    label: { zh: '银联付款码', en: 'UnionPay payment code' },
  },
];

/** The outcome a payment amount (分) triggers. */
export function paymentOutcome(amountFen: number): PaymentOutcome {
  const suffix = String(amountFen % 100).padStart(2, '0');
  return PAYMENT_TRIGGERS.find((t) => t.suffix === suffix)?.outcome ?? 'normal';
}

/** The outcome a refund amount (分) triggers. */
export function refundOutcome(amountFen: number): RefundOutcome {
  const suffix = String(amountFen % 100).padStart(2, '0');
  return REFUND_TRIGGERS.find((t) => t.suffix === suffix)?.outcome ?? 'normal';
}

/** The wallet of a scan auth_code; unknown shapes are accepted as WeChat. */
export function authCodePayType(authCode: string): AuthCodeRule['payType'] {
  return AUTH_CODE_RULES.find((r) => new RegExp(r.pattern).test(authCode))?.payType ?? PAY_TYPE_CODES.wechat;
}

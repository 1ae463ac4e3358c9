import { t } from '../../output/i18n.js';
import { field, vary } from '../field.js';

// Amounts: Int amounts are 分, Number(15.2) amounts 元 (the kind follows the spec type).

/** 订单金额 in 分, required wherever the amount is the order's. */
export const amt_trans = field('amt_trans', 'Int', true, t('订单金额', 'order amount (fen)'), {
  example: '180',
  description: '订单金额，单位为分，比如1元用100表示',
});

/** 货币代码 of a request: always 156. */
export const currency = field('currency', 'char(3)', true, t('货币代码', 'currency code'), {
  kind: 'digits',
  fixed: '156',
  example: '156',
  description: '货币代码，默认156',
});

/** 货币代码 as answers carry it: what the platform says, not a value imp fills. */
export const currencyAnswered = vary(currency, { fixed: undefined });

/** 清算金额 of a payment notification. */
export const settle_amt = field('settle_amt', 'int', true, t('清算金额', 'settled amount (fen)'), {
  example: '100',
  description: '清算金额，单位为分',
});

/** 清算日期 of a payment notification. */
export const settle_date = field('settle_date', 'char(8)', true, t('清算日期', 'settlement date'), {
  kind: 'date',
  example: '20180516',
  description: '清算日期，格式为yyyyMMdd',
});

/** 清算币种 of a payment notification. */
export const settle_currency = field(
  'settle_currency',
  'char(3)',
  true,
  t('清算币种', 'settlement currency'),
  {
    kind: 'digits',
    example: '156',
  },
);

/** 订单交易总金额 in 元 (payment query answer). */
export const amt_total = field(
  'amt_total',
  'Number(15.2)',
  false,
  t('订单交易总金额', 'order total (yuan)'),
  {
    description: '订单交易总金额=订单金额+ 红包券金额+ 商户卡券',
  },
);

// The discounts of the payment query answer; all in 元.

const COMBINED = '支持红包余额+优惠券+红包券+商户卡券+支付金额组合支付';

export const coupon = field('coupon', 'Char(30)', false, t('优惠券代码', 'coupon code'));

export const amt_coupon = field('amt_coupon', 'Number(15.2)', false, t('优惠金额', 'coupon amount (yuan)'));

export const vircoin = field('vircoin', 'Char(30)', false, t('商户卡券代码', 'merchant voucher code'), {
  description: '商户卡券代码，是指商户发行的代金券、定额消费卡、可充值消费卡等',
});

export const amt_vircoin = field(
  'amt_vircoin',
  'Number(15.2)',
  false,
  t('商户卡券金额', 'merchant voucher amount (yuan)'),
  { description: `商户卡券金额，${COMBINED}` },
);

export const redpack_coupon = field(
  'redpack_coupon',
  'Char(30)',
  false,
  t('红包券代码', 'red-packet coupon code'),
);

export const amt_redpack = field(
  'amt_redpack',
  'Number(15.2)',
  false,
  t('红包券金额', 'red-packet amount (yuan)'),
  {
    description: `红包券金额，${COMBINED}`,
  },
);

// Refund amounts.

/** 原支付金额 in 分 of a refund request. */
export const prv_tramt = field('prv_tramt', 'int', true, t('原支付金额', 'original amount (fen)'), {
  example: '100',
  description: '原支付金额,单位为分',
});

/** 退货金额 in 分 of a refund request. */
export const refund_amt = field('refund_amt', 'int', true, t('退货金额', 'refund amount (fen)'), {
  example: '80',
  description: '退货金额,单位为分',
});

/** 退货金额 in 元 of the refund query answer. */
export const amt_refund = field('amt_refund', 'Number(15.2)', true, t('退货金额', 'refund amount (yuan)'));

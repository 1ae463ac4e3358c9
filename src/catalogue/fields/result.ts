import { t } from '../../output/i18n.js';
import { TRANS_SUB_TYPE } from '../enums.js';
import { field, vary } from '../field.js';

// What the platform answers: its serial numbers, dates and status fields.

/** IMP平台支付流水号 (refunds and close name it prv_tradeno). */
export const imp_tradeno = field(
  'imp_tradeno',
  'varchar(32)',
  false,
  t('IMP平台支付流水号', 'IMP payment serial'),
);

/** IMP渠道支付流水号: the wallet's own serial. */
export const chn_tradeno = field(
  'chn_tradeno',
  'varchar(32)',
  false,
  t('IMP渠道支付流水号', 'channel serial'),
);

/** chn_tradeno as the notifications and the refund query answer call it (IMP平台渠道流水号). */
export const chnTradenoPlatform = vary(chn_tradeno, { label: t('IMP平台渠道流水号', 'channel serial') });

export const transdate = field('transdate', 'char(8)', false, t('账务日期', 'accounting date'), {
  kind: 'date',
});

/** 处理时间 of the refund query answer. */
export const transtime = field('transtime', 'Char(6)', true, t('处理时间', 'processing time'), {
  kind: 'time',
});

/** `status`, the payment status; each table's description says what 0 means there. */
export const status = field('status', 'char(1)', true, t('支付状态', 'status'), { kind: 'digits' });

/** status of the pay, qrcode, scan and wechat answers: 0 only means accepted. */
export const statusApplied = vary(status, {
  description:
    '支付状态，0 支付申请受理成功  9 初始状态  1待支付返回/状态未知  4-支付结果为失败\n注：当支付状态为0或1时，需通过支付交易查询获取最终支付结果',
});

/** status of the payment query answer and the notifications: 0 is paid. */
export const statusPaid = vary(status, {
  description: '支付状态，0 处理成功  9 初始状态  1待支付返回/状态未知  4-支付结果为失败',
});

/** 支付交易子类 of the payment query answer. */
export const trans_sub_type = field(
  'trans_sub_type',
  'char(2)',
  false,
  t('支付交易子类', 'payment sub-type'),
  {
    enum: TRANS_SUB_TYPE,
    example: '06',
    description: '支付交易子类\n06-被扫\n07-主扫',
  },
);

/** 订单状态 of the close answer. */
export const order_status = field('order_status', 'char(1)', true, t('订单状态', 'order status'), {
  kind: 'digits',
  description:
    '订单状态：0-订单关闭成功1-订单已支付(请调用退款交易) 2-订单已关闭，无法重复关闭 3-系统错误，请重新调用该接口) 4-订单不存在',
});

import type { Text } from '../output/i18n.js';

/**
 * Every `respcode` the sandbox answers, in one place. The real platform's codes are
 * not published beyond 00000; these are the sandbox's own, documented here.
 */
export const RESPCODES = {
  ok: { code: '00000', label: { zh: '成功', en: 'success' } },
  badField: { code: '10001', label: { zh: '报文字段错误', en: 'invalid or missing field' } },
  badSign: { code: '10002', label: { zh: '验签失败', en: 'signature verification failed' } },
  unknownMerchant: { code: '10003', label: { zh: '商户不存在', en: 'unknown merchant (busino)' } },
  badTxnCode: { code: '10004', label: { zh: '交易代码错误', en: 'wrong trtype or subcode for this path' } },
  duplicateOrder: { code: '20001', label: { zh: '订单号重复', en: 'duplicate orderno' } },
  noOrder: { code: '20002', label: { zh: '原订单不存在', en: 'no such order' } },
  notPaid: { code: '20003', label: { zh: '原订单未支付', en: 'order not paid' } },
  overRefund: {
    code: '20004',
    label: { zh: '退款金额超过可退金额', en: 'refund exceeds the refundable amount' },
  },
  voidRule: {
    code: '20005',
    label: { zh: '撤销仅限当日全额', en: 'void only on the payment day, full amount' },
  },
  duplicateRefund: {
    code: '20006',
    label: { zh: '退款单号重复', en: 'refundno already used for another refund' },
  },
  noRefund: { code: '20007', label: { zh: '退款单不存在', en: 'no such refund' } },
  mismatch: {
    code: '20008',
    label: { zh: '原交易信息不符', en: 'original transaction details do not match' },
  },
  closeUnsupported: {
    code: '20009',
    label: { zh: '银联二维码订单不支持关单', en: 'UnionPay QR orders cannot be closed' },
  },
  refused: {
    code: '30001',
    label: { zh: '交易被拒绝（测试触发）', en: 'transaction refused (test trigger)' },
  },
  badAuthCode: { code: '30002', label: { zh: '付款码无效', en: 'invalid payment code (auth_code)' } },
  system: { code: '99999', label: { zh: '系统错误', en: 'system error' } },
} as const satisfies Record<string, { code: string; label: Text }>;

export type RespKey = keyof typeof RESPCODES;

/** The respmsg of an error answer: the bilingual label, then what exactly was wrong. */
export function respmsg(key: RespKey, detail?: string): string {
  const { label } = RESPCODES[key];
  // Answers travel as raw k=v text: an '&' or '=' echoed from a request would split the answer.
  return detail ? `${label.zh}: ${detail.replace(/[&=\r\n]/g, ' ')}` : label.zh;
}

import type { Text } from '../output/i18n.js';
import type { TxnName } from './types.js';

/**
 * Every `respcode` imp knows, in one place: the spec publishes only 00000 (success); the rest are
 * the sandbox's, which imp's own rules follow (PROTOCOL-NOTES.md). The sandbox answers with
 * these; the client reads their meaning from {@link RESPCODE_MEANINGS}.
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

/**
 * Answers that say, for certain, that the thing asked about does not exist: the only error
 * answers that may settle a journal entry as failed (nothing happened). Per query: the refund
 * query's "no such refund" for this refundno, the payment query's "no such order" for this
 * orderno. Never a respmsg text, never a merchant-level, signature, system or unknown code.
 */
export const NOT_FOUND_CODES: Partial<Record<TxnName, readonly string[]>> = {
  refundquery: [RESPCODES.noRefund.code],
  query: [RESPCODES.noOrder.code],
};

/**
 * Answers that show the profile itself is wrong (merchant unknown, signature refused): every
 * other request would get the same; `journal resolve` stops and names the problem.
 */
export const CONFIG_PROBLEM_CODES: Readonly<Record<string, Text>> = {
  [RESPCODES.unknownMerchant.code]: {
    zh: '平台不认识该商户号（busino）：检查配置的 busino',
    en: "the platform does not know this merchant (busino): check the profile's busino",
  },
  [RESPCODES.badSign.code]: {
    zh: '平台拒绝了请求签名：检查商户私钥、apikey 与签名方式',
    en: "the platform refused the request's signature: check the merchant key, apikey and signing",
  },
};

/** Does this error answer say for certain that the refund/order asked about does not exist? */
export function isNotFound(txn: TxnName, respcode: string | undefined): boolean {
  return !!respcode && (NOT_FOUND_CODES[txn] ?? []).includes(respcode);
}

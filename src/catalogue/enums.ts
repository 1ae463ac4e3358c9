import { t } from '../output/i18n.js';
import type { EnumValue } from './types.js';

// Values from the spec tables and PROTOCOL-NOTES "Status codes".

const v = (value: string, zh: string, en: string): EnumValue => ({ value, label: t(zh, en) });

/**
 * The codes by the names imp's flags and the sandbox give them (`imp qrcode --type`,
 * `imp pay --pay-type`, `--channel`), written once: the tables below list the same codes.
 */
export const QRCODE_TYPE_CODES = { aggregate: '00', alipay: '01', wechat: '02', unionpay: '03' } as const;
export const PAY_TYPE_CODES = { unionpay: '00015', wechat: '00081', alipay: '00091' } as const;
export const CHANNEL_CODES = { pc: '07', wap: '08' } as const;

/** `qrcode_type` (request) / `qrcodeType` (answer). */
export const QRCODE_TYPE = [
  v(QRCODE_TYPE_CODES.aggregate, '聚合支付（默认）', 'aggregated (default)'),
  v(QRCODE_TYPE_CODES.alipay, '支付宝', 'Alipay'),
  v(QRCODE_TYPE_CODES.wechat, '微信', 'WeChat'),
  v(QRCODE_TYPE_CODES.unionpay, '银联', 'UnionPay'),
] as const;

/** `pay_type`: the wallet or network that paid. */
export const PAY_TYPE = [
  v(PAY_TYPE_CODES.unionpay, '银联二维码', 'UnionPay QR'),
  v(PAY_TYPE_CODES.wechat, '微信支付', 'WeChat Pay'),
  v(PAY_TYPE_CODES.alipay, '支付宝支付', 'Alipay'),
] as const;

type Wallet = keyof typeof PAY_TYPE_CODES;
const WALLETS = Object.keys(PAY_TYPE_CODES) as Wallet[];

/** The `pay_type` a QR code of one wallet is paid with (none for the aggregated code: the payer's wallet decides). */
export function payTypeOfQrcodeType(qrcodeType: string): string | undefined {
  const w = WALLETS.find((k) => QRCODE_TYPE_CODES[k] === qrcodeType);
  return w && PAY_TYPE_CODES[w];
}

/** The wallet's `qrcodeType` for a `pay_type` (undefined for a code of no wallet here). */
export function qrcodeTypeOfPayType(payType: string): string | undefined {
  const w = WALLETS.find((k) => PAY_TYPE_CODES[k] === payType);
  return w && QRCODE_TYPE_CODES[w];
}

/** `channel_type`. */
export const CHANNEL_TYPE = [
  v(CHANNEL_CODES.pc, 'PC', 'PC'),
  v(CHANNEL_CODES.wap, 'WAP', 'WAP (mobile web)'),
] as const;

/** `onlineflag` (费率类型). */
export const ONLINE_FLAG = [v('0', '线下', 'offline rate'), v('1', '线上', 'online rate')] as const;

/** `confflag` (确认收货标志); the spec asks for 9. */
export const CONFFLAG = [
  v('0', '线上确认收货', 'online, confirm receipt'),
  v('8', '线上待收货（暂不启用）', 'online, awaiting receipt (not in use yet)'),
  v('9', '线下免确认收货（默认）', 'offline, no receipt confirmation (default)'),
] as const;

/** `param_type` of the WeChat parameters order. */
export const PARAM_TYPE = [v('0', '小程序', 'mini program'), v('1', '公众号', 'official account')] as const;

/** `trans_sub_type` of the payment query. */
export const TRANS_SUB_TYPE = [
  v('06', '被扫（商户扫用户付款码）', 'merchant scans the customer (被扫)'),
  v('07', '主扫（用户扫码）', 'customer scans (主扫)'),
] as const;

/** `opertype` of a refund. */
export const OPERTYPE = [
  v('1', '消费撤销（当天，全额退款）', 'void (same day, full amount)'),
  v('2', '退货（可分多笔退货）', 'refund (partial, several allowed)'),
] as const;

/** `sign_type`. */
export const SIGN_TYPE = [v('RSA', 'RSA（SHA256withRSA）', 'RSA (SHA256withRSA)')] as const;

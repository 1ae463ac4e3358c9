import { t } from '../output/i18n.js';
import type { EnumValue } from './types.js';

// Values from the spec tables and PROTOCOL-NOTES "Status codes".

const v = (value: string, zh: string, en: string): EnumValue => ({ value, label: t(zh, en) });

/** `qrcode_type` (request) / `qrcodeType` (answer). */
export const QRCODE_TYPE = [
  v('00', '聚合支付（默认）', 'aggregated (default)'),
  v('01', '支付宝', 'Alipay'),
  v('02', '微信', 'WeChat'),
  v('03', '银联', 'UnionPay'),
] as const;

/** `pay_type`: the wallet or network that paid. */
export const PAY_TYPE = [
  v('00015', '银联二维码', 'UnionPay QR'),
  v('00081', '微信支付', 'WeChat Pay'),
  v('00091', '支付宝支付', 'Alipay'),
] as const;

/** `channel_type`. */
export const CHANNEL_TYPE = [v('07', 'PC', 'PC'), v('08', 'WAP', 'WAP (mobile web)')] as const;

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

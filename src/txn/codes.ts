/** `--channel` → channel_type. */
export const CHANNEL_CODES = { pc: '07', wap: '08' } as const;

/** `--pay-type` → pay_type. */
export const PAY_TYPE_CODES = { unionpay: '00015', wechat: '00081', alipay: '00091' } as const;

/** `imp qrcode --type` → qrcode_type. */
export const QRCODE_TYPE_CODES = { aggregate: '00', alipay: '01', wechat: '02', unionpay: '03' } as const;

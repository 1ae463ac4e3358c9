import type { Text } from '../../output/i18n.js';
import { fill } from '../../output/messages/fill.js';

/** The words of `imp sign --explain`, zh and en side by side. */
const WORDS = {
  'step-fields': { zh: '1. 参与签名的字段（按键排序）', en: '1. fields signed (sorted by key)' },
  'dropped-empty': { zh: '已去掉空值字段（表单中也去掉）', en: 'dropped empty (from the form too)' },
  'sign-type-signed': {
    zh: 'sign_type=RSA 参与签名（signature.signType=include）',
    en: 'sign_type=RSA is signed (signature.signType=include)',
  },
  'sign-never-signed': { zh: 'sign/sign_type 不参与签名', en: 'sign/sign_type never enter the signature' },
  'step-canonical': {
    zh: '2. 待签名串：k=v 以 & 连接，不做 URL 编码，末尾追加 &apikey',
    en: '2. canonical string: k=v joined with &, no URL-encoding, &apikey appended',
  },
  'digest-hex': {
    zh: 'signature.digest=sha256-hex：签名的是待签名串的 SHA-256 十六进制摘要',
    en: 'signature.digest=sha256-hex: what is signed is the hex SHA-256 of that string',
  },
  'step-rsa': {
    zh: '3. SHA256withRSA（PKCS#1 v1.5）签名 {bytes} 个 UTF-8 字节，Base64',
    en: '3. SHA256withRSA (PKCS#1 v1.5) over {bytes} UTF-8 bytes, Base64',
  },
  key: { zh: '私钥', en: 'key' },
  'step-form': {
    zh: '4. 表单：application/x-www-form-urlencoded，UTF-8，sign 与 sign_type=RSA 附在最后',
    en: '4. form: application/x-www-form-urlencoded, UTF-8, sign and sign_type=RSA last',
  },
} satisfies Record<string, Text>;

export type SignCode = keyof typeof WORDS;

export function signText(code: SignCode, params: Record<string, string | number> = {}): Text {
  return fill(WORDS[code], params);
}

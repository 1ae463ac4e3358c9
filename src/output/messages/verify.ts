import type { VerifyCode, VerifyNote } from '../../protocol/verify-diagnosis.js';
import { t } from '../i18n.js';
import { type MessageTable, textOf } from './fill.js';

/** The verify debugger's diagnoses (src/protocol/verify-*.ts, dialect-search.ts), zh and en. */
export const VERIFY_MESSAGES: MessageTable<VerifyCode> = {
  'sign-plus-spaces': t(
    "sign 中的 '+' 变成了空格（表单解码了未编码的原文）；恢复 '+' 后验签通过",
    "'+' in `sign` was turned into spaces (a raw body went through a form decoder); verifies once the '+' are restored",
  ),
  'values-url-encoded': t(
    '字段值仍是 URL 编码（%XX）：按原文读取了表单编码的消息；解码后验签通过',
    'values are still URL-encoded (%XX): a form-encoded body was read raw; verifies after URL-decoding',
  ),
  'raw-only': t(
    '只有按原文读取才通过：未编码的消息被当作表单解码了',
    'verifies only when read raw: an unencoded body was run through a form decoder',
  ),
  'trimmed-values': t(
    '字段值首尾有空白或换行；去除后验签通过',
    'field values carry leading/trailing whitespace or line endings; verifies once trimmed',
  ),
  'other-key-platform': t(
    '由另一把已配置的密钥签名（{source}），不是预期的平台密钥',
    'signed by another configured key ({source}), not the expected platform key',
  ),
  'other-key-merchant': t(
    '由另一把已配置的密钥签名（{source}），不是预期的商户密钥',
    'signed by another configured key ({source}), not the expected merchant key',
  ),
  'looks-like-request': t(
    '看起来是商户请求：请用 --as merchant 验证',
    'this looks like a merchant request: verify it with --as merchant',
  ),
  'looks-like-answer': t(
    '看起来是平台应答或通知：请用 --as platform 验证',
    'this looks like a platform answer or notification: verify it with --as platform',
  ),
  'apikey-on-error': t(
    'respcode={respcode} 却带 apikey 签名：此部署对失败应答也追加 apikey',
    'signed with the apikey although respcode={respcode}: this deployment appends the apikey to error answers too',
  ),
  'apikey-missing': t(
    '签名未追加 apikey（respcode={respcode}）：apikey 规则不同',
    'signed without the apikey (respcode={respcode}): the apikey rule differs',
  ),
  'sign-type-included': t(
    'sign_type=RSA 参与了签名（规范示例的读法）',
    "sign_type=RSA was signed too (the reading of the spec's examples)",
  ),
  'sign-type-left-out': t(
    'sign_type 未参与签名（规范正文的读法）',
    "sign_type was left out of the signature (the reading of the spec's text)",
  ),
  'hex-digest': t(
    '签名的是待签名串的 SHA-256 十六进制摘要（银联风格）',
    'what was signed is the hex SHA-256 of the string (UnionPay style)',
  ),
  'not-hex-digest': t(
    '签名的是待签名串本身，而非其 SHA-256 摘要',
    'what was signed is the string itself, not its hex SHA-256',
  ),
  'empty-kept': t(
    '签名包含了空值字段（应答规则），而请求规则要去掉空值',
    'empty fields were kept in the signature (response rule) where the request rule drops them',
  ),
  'empty-dropped': t(
    '签名去掉了空值字段（请求规则），而应答规则要保留空值',
    'empty fields were dropped from the signature (request rule) where the response rule keeps them',
  ),
  'certid-key-wrong': t(
    '为 certid {certid} 配置的密钥不能验证此消息；certid {hit} 的密钥可以',
    'the configured key for certid {certid} does not verify this message; the key of certid {hit} does',
  ),
  'certid-unconfigured-verified': t(
    'certid {certid} 未配置；由 certid {hit} 的密钥验证',
    'certid {certid} names no configured key; verified with the key of certid {hit}',
  ),
  'sign-size': t(
    'sign 解码为 {bytes} 字节，密钥长度要求 {sizes} 字节：签名被截断或损坏',
    'sign decodes to {bytes} bytes where the key needs {sizes}: truncated or damaged',
  ),
  'certid-unconfigured': t(
    'certid {certid} 未配置：请添加该证书对应的平台公钥',
    "certid {certid} names no configured platform key: add that certificate's key",
  ),
  'no-keys': t('没有可用的验签公钥', 'no key configured to verify with'),
  'no-variant': t(
    '所有变体都未通过：apikey 错误、公钥错误，或消息在签名后被修改',
    'no variant verified: wrong apikey, wrong key, or the message was changed after signing',
  ),
  bom: t(
    '消息以 BOM 开头，验签前已去除；严格的验签代码会失败',
    'the message starts with a BOM; removed before verifying (strict code would fail)',
  ),
  'message-trimmed': t(
    '消息首尾有空白或换行，验签前已去除',
    'leading/trailing whitespace or a newline around the message was removed before verifying',
  ),
  'no-sign': t('没有 sign 字段：无可验证的签名', 'no `sign` field: there is no signature to verify'),
  valid: t('签名有效（{shape}，{who}）', 'signature valid ({shape}, {who})'),
  unreadable: t('无法解析消息：{why}', 'cannot read the message: {why}'),
  'dialect-verifies': t('使用 {settings} 时验签通过', 'verifies with {settings}'),
  'dialect-set': t('在配置文件中设置：{block}', 'set in the profile: {block}'),
  'dialect-set-profile': t(
    '在配置文件的 profiles.{profile} 中设置：{block}',
    'set in profiles.{profile}: {block}',
  ),
  'dialect-undecided': t(
    '此消息无法确定：{keysZh}（imp config probe 可进一步确认）',
    'this message cannot decide {keys} (imp config probe finds out more)',
  ),
  'internal-error': t('内部错误：{why}', 'internal error: {why}'),
};

/** A diagnosis line's words. */
export const verifyText = (note: VerifyNote) => textOf(VERIFY_MESSAGES, note);

import type { PublicKeyEntry } from '../keys/types.js';
import { type Text, t } from '../output/i18n.js';
import { canonicalString, dialectOptions } from './canonical.js';
import { DEFAULT_DIALECT, type Dialect } from './dialect.js';
import type { Fields } from './signer.js';

// The verify debugger's vocabulary (shapes, readings, hits) and its bilingual diagnoses;
// the search itself is in verify-explain.ts.

/** Which rule the signer should have followed: platform answers/notifications, or merchant requests. */
export type SignRule = 'response' | 'request';

/** What the diagnosis needs to know about the verification that was attempted. */
export interface DiagnosisInput {
  apikey: string;
  rule: SignRule;
  keys: readonly PublicKeyEntry[];
  /** The profile's signature dialect (default: today's reading). */
  dialect?: Dialect;
}

/** One way of building the canonical string. */
export interface Shape {
  keepEmpty: boolean;
  apikey: boolean;
  /** `sign_type` kept in the string (signature.signType=include). */
  signType: boolean;
  /** The hex SHA-256 of the string is signed (signature.digest=sha256-hex). */
  hexDigest: boolean;
}

export const shapeName = (s: Shape) =>
  `${s.keepEmpty ? 'keep-empty' : 'drop-empty'}${s.apikey ? '+apikey' : ''}${s.signType ? '+sign_type' : ''}${s.hexDigest ? '+sha256-hex' : ''}`;

/** The shape the dialect prescribes for this message. */
export function ruleShape(rule: SignRule, fields: Fields, dialect: Dialect = DEFAULT_DIALECT): Shape {
  const o = dialectOptions(fields, '', dialect, rule === 'request' ? 'request' : 'answer');
  return {
    keepEmpty: o.keepEmpty,
    apikey: o.apikey !== undefined,
    signType: !!o.includeSignType,
    hexDigest: dialect.digest === 'sha256-hex',
  };
}

/** Every shape, for the debugger's search. */
export function allShapes(): Shape[] {
  const out: Shape[] = [];
  for (const keepEmpty of [true, false])
    for (const apikey of [true, false])
      for (const signType of [false, true])
        for (const hexDigest of [false, true]) out.push({ keepEmpty, apikey, signType, hexDigest });
  return out;
}

/** One way of reading the body. */
export interface Reading {
  label: 'as received' | 'raw' | 'form-decoded' | 'trimmed';
  fields: Fields;
}

/** The variant that verified. */
export interface Hit {
  reading: Reading;
  shape: Shape;
  repaired: boolean;
  other: boolean;
  certid?: string;
  source?: string;
  canonical: string;
}

/** Why the message verified only as this variant (empty when it is the exact rule). */
export function explainHit(input: DiagnosisInput, hit: Hit, rule: Shape): Text[] {
  const out: Text[] = [];
  const f = hit.reading.fields;
  if (hit.repaired) {
    out.push(
      t(
        "sign 中的 '+' 变成了空格（表单解码了未编码的原文）；恢复 '+' 后验签通过",
        "'+' in `sign` was turned into spaces (a raw body went through a form decoder); verifies once the '+' are restored",
      ),
    );
  }
  if (hit.reading.label === 'form-decoded') {
    out.push(
      t(
        '字段值仍是 URL 编码（%XX）：按原文读取了表单编码的消息；解码后验签通过',
        'values are still URL-encoded (%XX): a form-encoded body was read raw; verifies after URL-decoding',
      ),
    );
  } else if (hit.reading.label === 'raw') {
    out.push(
      t(
        '只有按原文读取才通过：未编码的消息被当作表单解码了',
        'verifies only when read raw: an unencoded body was run through a form decoder',
      ),
    );
  } else if (hit.reading.label === 'trimmed') {
    out.push(
      t(
        '字段值首尾有空白或换行；去除后验签通过',
        'field values carry leading/trailing whitespace or line endings; verifies once trimmed',
      ),
    );
  }
  if (hit.other) {
    out.push(
      t(
        `由另一把已配置的密钥签名（${hit.source}），不是预期的${input.rule === 'response' ? '平台' : '商户'}密钥`,
        `signed by another configured key (${hit.source}), not the expected ${input.rule === 'response' ? 'platform' : 'merchant'} key`,
      ),
    );
    // The other side signs under the other rule: comparing with this side's rule says nothing more.
    const otherRule = ruleShape(input.rule === 'response' ? 'request' : 'response', f, input.dialect);
    const otherCanonical = canonicalString(f, {
      keepEmpty: otherRule.keepEmpty,
      apikey: otherRule.apikey ? input.apikey : undefined,
      includeSignType: otherRule.signType,
    });
    if (hit.canonical === otherCanonical) {
      out.push(
        input.rule === 'response'
          ? t(
              '看起来是商户请求：请用 --as merchant 验证',
              'this looks like a merchant request: verify it with --as merchant',
            )
          : t(
              '看起来是平台应答或通知：请用 --as platform 验证',
              'this looks like a platform answer or notification: verify it with --as platform',
            ),
      );
      return out;
    }
  }
  if (hit.shape.apikey !== rule.apikey) {
    const rc = f.respcode ?? '';
    out.push(
      hit.shape.apikey
        ? t(
            `respcode=${rc} 却带 apikey 签名：此部署对失败应答也追加 apikey`,
            `signed with the apikey although respcode=${rc}: this deployment appends the apikey to error answers too`,
          )
        : t(
            `签名未追加 apikey（respcode=${rc}）：apikey 规则不同`,
            `signed without the apikey (respcode=${rc}): the apikey rule differs`,
          ),
    );
  }
  if (hit.shape.signType !== rule.signType) {
    out.push(
      hit.shape.signType
        ? t(
            'sign_type=RSA 参与了签名（规范示例的读法）',
            "sign_type=RSA was signed too (the reading of the spec's examples)",
          )
        : t(
            'sign_type 未参与签名（规范正文的读法）',
            "sign_type was left out of the signature (the reading of the spec's text)",
          ),
    );
  }
  if (hit.shape.hexDigest !== rule.hexDigest) {
    out.push(
      hit.shape.hexDigest
        ? t(
            '签名的是待签名串的 SHA-256 十六进制摘要（银联风格）',
            'what was signed is the hex SHA-256 of the string (UnionPay style)',
          )
        : t(
            '签名的是待签名串本身，而非其 SHA-256 摘要',
            'what was signed is the string itself, not its hex SHA-256',
          ),
    );
  }
  if (hit.shape.keepEmpty !== rule.keepEmpty) {
    out.push(
      hit.shape.keepEmpty
        ? t(
            '签名包含了空值字段（应答规则），而请求规则要去掉空值',
            'empty fields were kept in the signature (response rule) where the request rule drops them',
          )
        : t(
            '签名去掉了空值字段（请求规则），而应答规则要保留空值',
            'empty fields were dropped from the signature (request rule) where the response rule keeps them',
          ),
    );
  }
  if (f.certid && hit.certid && f.certid !== hit.certid) {
    const configured = input.keys.some((k) => k.certid === f.certid);
    out.push(
      configured
        ? t(
            `为 certid ${f.certid} 配置的密钥不能验证此消息；certid ${hit.certid} 的密钥可以`,
            `the configured key for certid ${f.certid} does not verify this message; the key of certid ${hit.certid} does`,
          )
        : t(
            `certid ${f.certid} 未配置；由 certid ${hit.certid} 的密钥验证`,
            `certid ${f.certid} names no configured key; verified with the key of certid ${hit.certid}`,
          ),
    );
  }
  return out;
}

/** Likely causes when nothing verified. */
export function noHit(input: DiagnosisInput, f: Fields): Text[] {
  const out: Text[] = [];
  const bytes = Buffer.from((f.sign ?? '').replace(/ /g, '+'), 'base64').length;
  const sizes = new Set(input.keys.map((k) => (k.key.asymmetricKeyDetails?.modulusLength ?? 0) / 8));
  if (bytes && !sizes.has(bytes)) {
    out.push(
      t(
        `sign 解码为 ${bytes} 字节，密钥长度要求 ${[...sizes].join('/')} 字节：签名被截断或损坏`,
        `sign decodes to ${bytes} bytes where the key needs ${[...sizes].join('/')}: truncated or damaged`,
      ),
    );
  }
  if (f.certid && input.rule === 'response' && !input.keys.some((k) => k.certid === f.certid)) {
    out.push(
      t(
        `certid ${f.certid} 未配置：请添加该证书对应的平台公钥`,
        `certid ${f.certid} names no configured platform key: add that certificate's key`,
      ),
    );
  }
  if (input.keys.length === 0) out.push(t('没有可用的验签公钥', 'no key configured to verify with'));
  out.push(
    t(
      '所有变体都未通过：apikey 错误、公钥错误，或消息在签名后被修改',
      'no variant verified: wrong apikey, wrong key, or the message was changed after signing',
    ),
  );
  return out;
}

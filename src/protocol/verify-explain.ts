import { maskIn } from '../core/mask.js';
import type { PublicKeyEntry } from '../keys/types.js';
import { type Text, t } from '../output/i18n.js';
import { canonicalString, responseUsesApikey } from './canonical.js';
import { cleanBody, looksFormEncoded, parseFormBody, parseNotification, parseRaw } from './codec.js';
import { type Fields, verifyWithKeys } from './signer.js';

/** Which rule the signer should have followed: platform answers/notifications, or merchant requests. */
export type SignRule = 'response' | 'request';

/** What the debugger needs: the message as received and every key that could have signed it. */
export interface ExplainInput {
  raw: string | Buffer;
  contentType?: string;
  apikey: string;
  rule: SignRule;
  /** The keys that should have signed it (platform keys for answers, the merchant key for requests). */
  keys: readonly PublicKeyEntry[];
  /** Other configured keys, to recognise a message signed by the wrong side (e.g. the merchant key). */
  otherKeys?: readonly PublicKeyEntry[];
}

/** One canonical string the debugger tried (apikey masked). */
export interface TriedVariant {
  variant: string;
  canonical: string;
}

/** The debugger's verdict; `valid` is true only under the exact rule, with an expected key, on the message as given. */
export interface ExplainResult {
  valid: boolean;
  /** The variant that verified, when one did (e.g. `keep-empty+apikey`, `raw, keep-empty+apikey, sign '+' repaired`). */
  variant?: string;
  certid?: string;
  /** File of the key that verified. */
  keySource?: string;
  /** The canonical string that verified, else the one the rule prescribes; apikey masked. */
  canonical: string;
  tried: TriedVariant[];
  diagnosis: Text[];
  /** The fields as parsed (undefined when the message was unreadable). */
  fields?: Fields;
}

interface Shape {
  keepEmpty: boolean;
  apikey: boolean;
}

const shapeName = (s: Shape) => `${s.keepEmpty ? 'keep-empty' : 'drop-empty'}${s.apikey ? '+apikey' : ''}`;

function ruleShape(rule: SignRule, fields: Fields): Shape {
  return rule === 'request'
    ? { keepEmpty: false, apikey: true }
    : { keepEmpty: true, apikey: responseUsesApikey(fields) };
}

interface Reading {
  label: 'as received' | 'raw' | 'form-decoded' | 'trimmed';
  fields: Fields;
}

/** The ways the body can be read: the normal reading first, then the other decoding, then trimmed values. */
function readings(text: string, contentType: string | undefined): Reading[] {
  const primary = parseNotification(text, contentType);
  const out: Reading[] = [{ label: 'as received', fields: primary }];
  const formFirst = text.startsWith('{') ? undefined : looksFormEncoded(text, contentType);
  if (formFirst !== undefined) {
    try {
      const alt = formFirst ? parseRaw(text) : parseFormBody(text);
      if (JSON.stringify(alt) !== JSON.stringify(primary)) {
        out.push({ label: formFirst ? 'raw' : 'form-decoded', fields: alt });
      }
    } catch {
      // the other reading is not possible: nothing to try
    }
  }
  const trimmed = Object.fromEntries(Object.entries(primary).map(([k, v]) => [k, v.trim()]));
  if (JSON.stringify(trimmed) !== JSON.stringify(primary)) out.push({ label: 'trimmed', fields: trimmed });
  return out;
}

interface Hit {
  reading: Reading;
  shape: Shape;
  repaired: boolean;
  other: boolean;
  certid?: string;
  source?: string;
  canonical: string;
}

function search(input: ExplainInput, list: Reading[], tried: TriedVariant[]): Hit | undefined {
  const mask = (s: string) => maskIn(s, [input.apikey]);
  const seen = new Set<string>();
  const shown = new Set<string>();
  const groups: [boolean, readonly PublicKeyEntry[]][] = [
    [false, input.keys],
    [true, input.otherKeys ?? []],
  ];
  for (const [other, keys] of groups) {
    for (const reading of list) {
      const f = reading.fields;
      const rule = ruleShape(input.rule, f);
      const shapes: Shape[] = [rule];
      for (const keepEmpty of [true, false]) {
        for (const apikey of [true, false]) {
          if (keepEmpty !== rule.keepEmpty || apikey !== rule.apikey) shapes.push({ keepEmpty, apikey });
        }
      }
      const signs: [string, boolean][] = [[f.sign ?? '', false]];
      if (f.sign?.includes(' ')) signs.push([f.sign.replace(/ /g, '+'), true]);
      for (const [sign, repaired] of signs) {
        for (const shape of shapes) {
          const canonical = canonicalString(f, {
            keepEmpty: shape.keepEmpty,
            apikey: shape.apikey ? input.apikey : undefined,
          });
          // list each distinct canonical string once; verify each distinct (string, sign) pair once per key group
          if (!other && !shown.has(canonical)) {
            tried.push({ variant: variantName(reading, shape, repaired), canonical: mask(canonical) });
            shown.add(canonical);
          }
          const key = `${other}\u0000${canonical}\u0000${sign}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const r = verifyWithKeys(canonical, sign, keys, f.certid);
          if (r.valid)
            return { reading, shape, repaired, other, certid: r.certid, source: r.source, canonical };
        }
      }
    }
  }
  return undefined;
}

function variantName(reading: Reading, shape: Shape, repaired: boolean): string {
  const parts: string[] = reading.label === 'as received' ? [] : [reading.label];
  parts.push(shapeName(shape));
  if (repaired) parts.push("sign '+' repaired");
  return parts.join(', ');
}

/** Try every plausible variant of a message's canonical string and say why its signature fails. */
export function explainVerify(input: ExplainInput): ExplainResult {
  const diagnosis: Text[] = [];
  const original = typeof input.raw === 'string' ? input.raw : input.raw.toString('utf8');
  const text = cleanBody(original);
  if (original.startsWith('\uFEFF')) {
    diagnosis.push(
      t(
        '消息以 BOM 开头，验签前已去除；严格的验签代码会失败',
        'the message starts with a BOM; removed before verifying (strict code would fail)',
      ),
    );
  }
  if (text !== original.replace(/^\uFEFF/, '')) {
    diagnosis.push(
      t(
        '消息首尾有空白或换行，验签前已去除',
        'leading/trailing whitespace or a newline around the message was removed before verifying',
      ),
    );
  }
  let list: Reading[];
  try {
    list = readings(text, input.contentType);
  } catch (err) {
    diagnosis.push(
      t(`无法解析消息：${(err as Error).message}`, `cannot read the message: ${(err as Error).message}`),
    );
    return { valid: false, canonical: '', tried: [], diagnosis };
  }
  const fields = list[0]!.fields;
  const ruleCanonical = maskIn(canonicalString(fields, { ...ruleShapeOptions(input, fields) }), [
    input.apikey,
  ]);
  if (!fields.sign) {
    diagnosis.push(t('没有 sign 字段：无可验证的签名', 'no `sign` field: there is no signature to verify'));
    return { valid: false, canonical: ruleCanonical, tried: [], diagnosis, fields };
  }
  const tried: TriedVariant[] = [];
  const hit = search(input, list, tried);
  if (!hit) {
    diagnosis.push(...noHit(input, fields));
    return { valid: false, canonical: ruleCanonical, tried, diagnosis, fields };
  }
  const rule = ruleShape(input.rule, hit.reading.fields);
  const exact =
    !hit.other &&
    !hit.repaired &&
    hit.reading.label === 'as received' &&
    shapeName(hit.shape) === shapeName(rule);
  diagnosis.push(...explainHit(input, hit, rule));
  if (exact) {
    const who = hit.certid ? `certid ${hit.certid}` : (hit.source ?? '');
    diagnosis.push(
      t(`签名有效（${shapeName(rule)}，${who}）`, `signature valid (${shapeName(rule)}, ${who})`),
    );
  }
  return {
    valid: exact,
    variant: variantName(hit.reading, hit.shape, hit.repaired),
    certid: hit.certid,
    keySource: hit.source,
    canonical: maskIn(hit.canonical, [input.apikey]),
    tried,
    diagnosis,
    fields: hit.reading.fields,
  };
}

function ruleShapeOptions(input: ExplainInput, fields: Fields) {
  const s = ruleShape(input.rule, fields);
  return { keepEmpty: s.keepEmpty, apikey: s.apikey ? input.apikey : undefined };
}

function explainHit(input: ExplainInput, hit: Hit, rule: Shape): Text[] {
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
    const otherRule = ruleShape(input.rule === 'response' ? 'request' : 'response', f);
    const otherCanonical = canonicalString(f, {
      keepEmpty: otherRule.keepEmpty,
      apikey: otherRule.apikey ? input.apikey : undefined,
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
    out.push(
      t(
        `certid ${f.certid} 未配置；由 certid ${hit.certid} 的密钥验证`,
        `certid ${f.certid} names no configured key; verified with the key of certid ${hit.certid}`,
      ),
    );
  }
  return out;
}

function noHit(input: ExplainInput, f: Fields): Text[] {
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

import { maskIn } from '../core/mask.js';
import { msg } from '../core/message.js';
import type { PublicKeyEntry } from '../keys/types.js';
import { canonicalString } from './canonical.js';
import {
  AMBIGUOUS_MESSAGE,
  cleanBody,
  decodeBody,
  looksFormEncoded,
  parseFormBody,
  parseNotification,
  parseRaw,
} from './codec.js';
import { DEFAULT_DIALECT, type Dialect } from './dialect.js';
import { type DialectMatch, dialectAdvice, findDialect } from './dialect-search.js';
import { type Fields, verifyWithKeys } from './signer.js';
import {
  allShapes,
  explainHit,
  type Hit,
  noHit,
  type Reading,
  ruleShape,
  type Shape,
  type SignRule,
  shapeName,
  type VerifyCode,
  type VerifyNote,
} from './verify-diagnosis.js';

export type { SignRule, VerifyCode, VerifyNote };

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
  /** The profile's signature dialect (default: today's reading); every other one is tried too. */
  dialect?: Dialect;
  /** Named in the advice ("set in profiles.<name>"). */
  profileName?: string;
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
  diagnosis: VerifyNote[];
  /** The fields as parsed (undefined when the message was unreadable). */
  fields?: Fields;
  /** Refused unread: a key twice, an empty or non-ASCII key, bytes invalid in the declared charset. */
  ambiguous?: boolean;
  /** The dialect the message is signed in, when it is not the profile's. */
  dialect?: DialectMatch;
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
      const rule = ruleShape(input.rule, f, input.dialect);
      const shapes: Shape[] = [rule, ...allShapes().filter((s) => shapeName(s) !== shapeName(rule))];
      const signs: [string, boolean][] = [[f.sign ?? '', false]];
      if (f.sign?.includes(' ')) signs.push([f.sign.replace(/ /g, '+'), true]);
      for (const [sign, repaired] of signs) {
        for (const shape of shapes) {
          const canonical = canonicalString(f, {
            keepEmpty: shape.keepEmpty,
            apikey: shape.apikey ? input.apikey : undefined,
            includeSignType: shape.signType,
          });
          // list each distinct canonical string once; verify each distinct (string, sign) pair once per key group
          if (!other && !shown.has(canonical)) {
            tried.push({ variant: variantName(reading, shape, repaired), canonical: mask(canonical) });
            shown.add(canonical);
          }
          const digest = shape.hexDigest ? 'sha256-hex' : 'direct';
          const key = `${other}\u0000${digest}\u0000${canonical}\u0000${sign}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const r = verifyWithKeys(canonical, sign, keys, f.certid, digest);
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
  const diagnosis: VerifyNote[] = [];
  let original: string;
  try {
    original = typeof input.raw === 'string' ? input.raw : decodeBody(input.raw, input.contentType);
  } catch (err) {
    return unreadable(err, diagnosis);
  }
  const text = cleanBody(original);
  if (original.startsWith('\uFEFF')) {
    diagnosis.push(msg('bom'));
  }
  if (text !== original.replace(/^\uFEFF/, '')) {
    diagnosis.push(msg('message-trimmed'));
  }
  let list: Reading[];
  try {
    list = readings(text, input.contentType);
  } catch (err) {
    return unreadable(err, diagnosis);
  }
  const fields = list[0]!.fields;
  const ruleCanonical = maskIn(canonicalString(fields, { ...ruleShapeOptions(input, fields) }), [
    input.apikey,
  ]);
  if (!fields.sign) {
    diagnosis.push(msg('no-sign'));
    return { valid: false, canonical: ruleCanonical, tried: [], diagnosis, fields };
  }
  const tried: TriedVariant[] = [];
  const hit = search(input, list, tried);
  if (!hit) {
    diagnosis.push(...noHit(input, fields));
    return { valid: false, canonical: ruleCanonical, tried, diagnosis, fields };
  }
  const rule = ruleShape(input.rule, hit.reading.fields, input.dialect);
  const exact =
    !hit.other &&
    !hit.repaired &&
    hit.reading.label === 'as received' &&
    shapeName(hit.shape) === shapeName(rule);
  // the setting to change comes first: the listener's ✖ line shows the first cause
  const match = exact ? undefined : dialectOf(input, hit);
  if (match) diagnosis.push(...dialectAdvice(match, input.profileName));
  diagnosis.push(...explainHit(input, hit, rule));
  if (exact) {
    const who = hit.certid ? `certid ${hit.certid}` : (hit.source ?? '');
    diagnosis.push(msg('valid', { shape: shapeName(rule), who }));
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
    ...(match ? { dialect: match } : {}),
  };
}

/** The verdict on a message the codec would not read; its error names the key or the charset. */
function unreadable(err: unknown, diagnosis: VerifyNote[]): ExplainResult {
  // the codec's errors already start with "unreadable message:"; say it once
  const why = (err as Error).message.replace(/^unreadable message: /, '');
  diagnosis.push(msg('unreadable', { why }));
  const ambiguous = (err as { code?: string }).code === AMBIGUOUS_MESSAGE;
  return { valid: false, canonical: '', tried: [], diagnosis, ...(ambiguous ? { ambiguous } : {}) };
}

/** When the message verified as received with an expected key, but in another dialect: which one. */
function dialectOf(input: ExplainInput, hit: Hit): DialectMatch | undefined {
  if (hit.other || hit.repaired || hit.reading.label !== 'as received') return undefined;
  const current = input.dialect ?? DEFAULT_DIALECT;
  const side = input.rule === 'request' ? 'request' : 'answer';
  const m = findDialect(hit.reading.fields, input.apikey, input.keys, current, side);
  return m && Object.keys(m.changes).length ? m : undefined;
}

function ruleShapeOptions(input: ExplainInput, fields: Fields) {
  const s = ruleShape(input.rule, fields, input.dialect);
  return { keepEmpty: s.keepEmpty, apikey: s.apikey ? input.apikey : undefined, includeSignType: s.signType };
}

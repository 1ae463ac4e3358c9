import { type Message, msg } from '../core/message.js';
import type { PublicKeyEntry } from '../keys/types.js';
import { canonicalString, dialectOptions } from './canonical.js';
import { DEFAULT_DIALECT, type Dialect } from './dialect.js';
import type { Fields } from './signer.js';

// The verify debugger's vocabulary (shapes, readings, hits) and its diagnoses as codes (their
// words: src/output/messages/verify.ts); the search itself is in verify-explain.ts.

/** Every diagnosis the verify debugger can give. */
export type VerifyCode =
  | 'sign-plus-spaces'
  | 'values-url-encoded'
  | 'raw-only'
  | 'trimmed-values'
  | 'other-key-platform'
  | 'other-key-merchant'
  | 'looks-like-request'
  | 'looks-like-answer'
  | 'apikey-on-error'
  | 'apikey-missing'
  | 'sign-type-included'
  | 'sign-type-left-out'
  | 'hex-digest'
  | 'not-hex-digest'
  | 'empty-kept'
  | 'empty-dropped'
  | 'certid-key-wrong'
  | 'certid-unconfigured-verified'
  | 'sign-size'
  | 'certid-unconfigured'
  | 'no-keys'
  | 'no-variant'
  | 'bom'
  | 'message-trimmed'
  | 'no-sign'
  | 'valid'
  | 'unreadable'
  | 'dialect-verifies'
  | 'dialect-set'
  | 'dialect-set-profile'
  | 'dialect-undecided'
  | 'internal-error';

/** One line of a diagnosis: a code and its parameters. */
export type VerifyNote = Message<VerifyCode>;

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
export function explainHit(input: DiagnosisInput, hit: Hit, rule: Shape): VerifyNote[] {
  const out: VerifyNote[] = [];
  const f = hit.reading.fields;
  if (hit.repaired) out.push(msg('sign-plus-spaces'));
  if (hit.reading.label === 'form-decoded') out.push(msg('values-url-encoded'));
  else if (hit.reading.label === 'raw') out.push(msg('raw-only'));
  else if (hit.reading.label === 'trimmed') out.push(msg('trimmed-values'));
  if (hit.other) {
    const expected = input.rule === 'response' ? 'other-key-platform' : 'other-key-merchant';
    out.push(msg(expected, { source: hit.source ?? '' }));
    // The other side signs under the other rule: comparing with this side's rule says nothing more.
    const otherRule = ruleShape(input.rule === 'response' ? 'request' : 'response', f, input.dialect);
    const otherCanonical = canonicalString(f, {
      keepEmpty: otherRule.keepEmpty,
      apikey: otherRule.apikey ? input.apikey : undefined,
      includeSignType: otherRule.signType,
    });
    if (hit.canonical === otherCanonical) {
      out.push(msg(input.rule === 'response' ? 'looks-like-request' : 'looks-like-answer'));
      return out;
    }
  }
  const respcode = f.respcode ?? '';
  if (hit.shape.apikey !== rule.apikey)
    out.push(msg(hit.shape.apikey ? 'apikey-on-error' : 'apikey-missing', { respcode }));
  if (hit.shape.signType !== rule.signType)
    out.push(msg(hit.shape.signType ? 'sign-type-included' : 'sign-type-left-out'));
  if (hit.shape.hexDigest !== rule.hexDigest)
    out.push(msg(hit.shape.hexDigest ? 'hex-digest' : 'not-hex-digest'));
  if (hit.shape.keepEmpty !== rule.keepEmpty)
    out.push(msg(hit.shape.keepEmpty ? 'empty-kept' : 'empty-dropped'));
  if (f.certid && hit.certid && f.certid !== hit.certid) {
    const configured = input.keys.some((k) => k.certid === f.certid);
    out.push(
      msg(configured ? 'certid-key-wrong' : 'certid-unconfigured-verified', {
        certid: f.certid,
        hit: hit.certid,
      }),
    );
  }
  return out;
}

/** Likely causes when nothing verified. */
export function noHit(input: DiagnosisInput, f: Fields): VerifyNote[] {
  const out: VerifyNote[] = [];
  const bytes = Buffer.from((f.sign ?? '').replace(/ /g, '+'), 'base64').length;
  const sizes = new Set(input.keys.map((k) => (k.key.asymmetricKeyDetails?.modulusLength ?? 0) / 8));
  if (bytes && !sizes.has(bytes)) out.push(msg('sign-size', { bytes, sizes: [...sizes].join('/') }));
  if (f.certid && input.rule === 'response' && !input.keys.some((k) => k.certid === f.certid))
    out.push(msg('certid-unconfigured', { certid: f.certid }));
  if (input.keys.length === 0) out.push(msg('no-keys'));
  out.push(msg('no-variant'));
  return out;
}

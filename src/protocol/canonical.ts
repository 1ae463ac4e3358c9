import { createHash } from 'node:crypto';
import { DEFAULT_DIALECT, type Dialect } from './dialect.js';
import type { Fields } from './signer.js';

/** How a canonical string is built; a {@link Dialect} and a side fix these switches. */
export interface CanonicalOptions {
  /** Keep empty values (`account=`): answers do by default, requests do not. */
  keepEmpty: boolean;
  /** Appended as `&`+apikey when given. */
  apikey?: string;
  /** Keep `sign_type` among the signed fields (the request examples of the spec). */
  includeSignType?: boolean;
}

/** Which side signed: the merchant's requests, or the platform's answers and notifications. */
export type Side = 'request' | 'answer';

/** The fields that enter the signature, sorted: `sign` (and `sign_type` unless kept) dropped, empty values dropped unless kept. */
export function signedEntries(
  fields: Fields,
  keepEmpty: boolean,
  includeSignType = false,
): [string, string][] {
  // The default sort compares UTF-16 code units, as Java's String.compareTo: the order the
  // spec and the OpenSSL vectors use (never localeCompare).
  const keys = Object.keys(fields).sort();
  const out: [string, string][] = [];
  for (const k of keys) {
    if (k === 'sign' || (k === 'sign_type' && !includeSignType)) continue;
    const v = fields[k];
    if (v == null || (!keepEmpty && v === '')) continue;
    out.push([k, v]);
  }
  return out;
}

/** Join sorted entries as `k=v&k=v…`, then `&`+apikey when given. No URL-encoding. */
export function joinCanonical(entries: readonly [string, string][], apikey?: string): string {
  let s = '';
  for (const [k, v] of entries) s += s === '' ? `${k}=${v}` : `&${k}=${v}`;
  return apikey === undefined ? s : `${s}&${apikey}`;
}

/** `k=v&k=v…[&apikey]`: sorted, no URL-encoding. */
export function canonicalString(fields: Fields, options: CanonicalOptions): string {
  return joinCanonical(signedEntries(fields, options.keepEmpty, options.includeSignType), options.apikey);
}

/** Does this side of the dialect keep empty values in the signed string? */
export function keepsEmpty(dialect: Dialect, side: Side): boolean {
  return side === 'request' ? dialect.emptyFields === 'keep' : dialect.answerEmptyFields === 'keep';
}

/** Does the dialect append the apikey to this message? Requests always; answers per `answerApikey`. */
export function usesApikey(fields: Fields, dialect: Dialect, side: Side): boolean {
  if (side === 'request') return true;
  if (dialect.answerApikey === 'always') return true;
  if (dialect.answerApikey === 'never') return false;
  return fields.respcode === '00000';
}

/** The canonical-string switches of a dialect for one message. */
export function dialectOptions(
  fields: Fields,
  apikey: string,
  dialect: Dialect,
  side: Side,
): CanonicalOptions {
  return {
    keepEmpty: keepsEmpty(dialect, side),
    includeSignType: dialect.signType === 'include',
    apikey: usesApikey(fields, dialect, side) ? apikey : undefined,
  };
}

/** The one canonical string of a message under a dialect (the fields as they travel, `sign_type` included when present). */
export function dialectCanonical(fields: Fields, apikey: string, dialect: Dialect, side: Side): string {
  return canonicalString(fields, dialectOptions(fields, apikey, dialect, side));
}

/** The text SHA256withRSA signs: the canonical string, or its lower-case hex SHA-256 (`digest=sha256-hex`). */
export function signedText(canonical: string, digest: Dialect['digest']): string {
  return digest === 'sha256-hex' ? createHash('sha256').update(canonical, 'utf8').digest('hex') : canonical;
}

/** Request rule of the default dialect (spec 2.4.3): drop empty values, sort, append `&`+apikey. */
export function requestCanonical(fields: Fields, apikey: string): string {
  return dialectCanonical(fields, apikey, DEFAULT_DIALECT, 'request');
}

/** Does the default dialect append the apikey to this answer? Only for successful ones (respcode 00000). */
export function responseUsesApikey(fields: Fields): boolean {
  return usesApikey(fields, DEFAULT_DIALECT, 'answer');
}

/** Answer/notification rule of the default dialect: keep empty values, `&`+apikey only when respcode is 00000. */
export function responseCanonical(fields: Fields, apikey: string): string {
  return dialectCanonical(fields, apikey, DEFAULT_DIALECT, 'answer');
}

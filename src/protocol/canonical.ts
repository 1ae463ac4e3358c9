import type { Fields } from './signer.js';

/** How a canonical string is built: the request and response rules differ only in these two switches. */
export interface CanonicalOptions {
  /** Keep empty values (`account=`): responses and notifications do, requests do not. */
  keepEmpty: boolean;
  /** Appended as `&`+apikey when given. */
  apikey?: string;
}

/** The fields that enter the signature, sorted: `sign`/`sign_type` dropped, empty values dropped unless kept. */
export function signedEntries(fields: Fields, keepEmpty: boolean): [string, string][] {
  // The default sort compares UTF-16 code units, as Java's String.compareTo: the order the
  // spec and the OpenSSL vectors use (never localeCompare).
  const keys = Object.keys(fields).sort();
  const out: [string, string][] = [];
  for (const k of keys) {
    if (k === 'sign' || k === 'sign_type') continue;
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
  return joinCanonical(signedEntries(fields, options.keepEmpty), options.apikey);
}

/** Request rule (spec 2.4.3): drop empty values, sort, append `&`+apikey. */
export function requestCanonical(fields: Fields, apikey: string): string {
  return canonicalString(fields, { keepEmpty: false, apikey });
}

/** Does the response rule append the apikey to this message? Only for successful answers (respcode 00000). */
export function responseUsesApikey(fields: Fields): boolean {
  return fields.respcode === '00000';
}

/** Response/notification rule: keep empty values, append `&`+apikey only when respcode is 00000. */
export function responseCanonical(fields: Fields, apikey: string): string {
  return canonicalString(fields, {
    keepEmpty: true,
    apikey: responseUsesApikey(fields) ? apikey : undefined,
  });
}

import { type KeyObject, sign as rsaSignRaw, verify as rsaVerifyRaw } from 'node:crypto';
import type { PublicKeyEntry } from '../keys/types.js';
import {
  joinCanonical,
  requestCanonical,
  responseCanonical,
  responseUsesApikey,
  signedEntries,
} from './canonical.js';

/** A flat message: field name → value, as it travels. */
export type Fields = Record<string, string>;

/**
 * A signed message: `fields` are sorted (empty ones dropped for requests), then `sign` and
 * `sign_type=RSA`. `canonical` holds the raw apikey: mask it (`maskIn`) before showing it.
 */
export interface SignedRequest {
  fields: Fields;
  canonical: string;
  sign: string;
}

/** SHA256withRSA (RSASSA-PKCS1-v1_5) over the UTF-8 bytes, standard Base64. */
export function rsaSign(text: string, key: KeyObject): string {
  return rsaSignRaw('sha256', Buffer.from(text, 'utf8'), key).toString('base64');
}

/** Check a Base64 SHA256withRSA signature; a malformed signature is simply invalid. */
export function rsaVerify(text: string, signature: string, key: KeyObject): boolean {
  if (!signature) return false;
  try {
    return rsaVerifyRaw('sha256', Buffer.from(text, 'utf8'), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

function finish(entries: [string, string][], apikey: string | undefined, key: KeyObject): SignedRequest {
  const canonical = joinCanonical(entries, apikey);
  const sign = rsaSign(canonical, key);
  const fields: Fields = Object.fromEntries(entries);
  fields.sign = sign;
  fields.sign_type = 'RSA';
  return { fields, canonical, sign };
}

/** Sign a merchant request (drop empty, sort, `&`+apikey, SHA256withRSA, Base64). */
export function signRequest(fields: Fields, apikey: string, key: KeyObject): SignedRequest {
  // The returned fields drop empties too, so the form sent and the signature agree.
  return finish(signedEntries(fields, false), apikey, key);
}

/** Sign an answer or notification as the platform does (keep empty; `&`+apikey only when respcode=00000). */
export function signResponse(fields: Fields, apikey: string, key: KeyObject, certid?: string): SignedRequest {
  const all = certid === undefined ? fields : { ...fields, certid };
  return finish(signedEntries(all, true), responseUsesApikey(all) ? apikey : undefined, key);
}

/** {@link rsaSign} on libuv's thread pool, so a server answering many requests signs on every core. */
export function rsaSignAsync(text: string, key: KeyObject): Promise<string> {
  return new Promise((resolve, reject) => {
    rsaSignRaw('sha256', Buffer.from(text, 'utf8'), key, (err, sig) =>
      err ? reject(err) : resolve(sig.toString('base64')),
    );
  });
}

/**
 * {@link signRequest} with the RSA work on libuv's thread pool: the same result, but a batch
 * signs its next rows while the main thread sends and verifies the others.
 */
export async function signRequestAsync(
  fields: Fields,
  apikey: string,
  key: KeyObject,
): Promise<SignedRequest> {
  const entries = signedEntries(fields, false);
  const canonical = joinCanonical(entries, apikey);
  const sign = await rsaSignAsync(canonical, key);
  const out: Fields = Object.fromEntries(entries);
  out.sign = sign;
  out.sign_type = 'RSA';
  return { fields: out, canonical, sign };
}

/** {@link signResponse} with the RSA work on the thread pool (the sandbox under load); the same result. */
export async function signResponseAsync(
  fields: Fields,
  apikey: string,
  key: KeyObject,
  certid?: string,
): Promise<SignedRequest> {
  const all = certid === undefined ? fields : { ...fields, certid };
  const entries = signedEntries(all, true);
  const canonical = joinCanonical(entries, responseUsesApikey(all) ? apikey : undefined);
  const sign = await rsaSignAsync(canonical, key);
  const out: Fields = Object.fromEntries(entries);
  out.sign = sign;
  out.sign_type = 'RSA';
  return { fields: out, canonical, sign };
}

/** Outcome of verifying an answer or notification. */
export interface VerifyResult {
  valid: boolean;
  /** The certid of the key that verified, when known. */
  certid?: string;
  canonical: string;
  /** The file of the key that verified. */
  source?: string;
}

/** The keys to try, the one named by `certid` first (key rotation), then every other. */
export function keysInOrder(keys: readonly PublicKeyEntry[], certid: string | undefined): PublicKeyEntry[] {
  if (!certid) return [...keys];
  const named = keys.filter((k) => k.certid === certid);
  return [...named, ...keys.filter((k) => k.certid !== certid)];
}

/** Try `canonical` against every key in order; the first that verifies wins. */
export function verifyWithKeys(
  canonical: string,
  signature: string | undefined,
  keys: readonly PublicKeyEntry[],
  certid?: string,
): VerifyResult {
  if (signature) {
    for (const entry of keysInOrder(keys, certid)) {
      if (rsaVerify(canonical, signature, entry.key)) {
        return { valid: true, certid: entry.certid, canonical, source: entry.source };
      }
    }
  }
  return { valid: false, canonical };
}

/** Verify a platform answer/notification under the response rules, picking the key by certid, else trying all. */
export function verifyResponse(
  fields: Fields,
  apikey: string,
  keys: readonly PublicKeyEntry[],
): VerifyResult {
  return verifyWithKeys(responseCanonical(fields, apikey), fields.sign, keys, fields.certid);
}

/** Verify a merchant request under the request rules (the sandbox plays the platform with this). */
export function verifyRequest(fields: Fields, apikey: string, keys: readonly PublicKeyEntry[]): VerifyResult {
  return verifyWithKeys(requestCanonical(fields, apikey), fields.sign, keys);
}

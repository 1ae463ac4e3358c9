import { type KeyObject, sign as rsaSignRaw, verify as rsaVerifyRaw } from 'node:crypto';
import type { PublicKeyEntry } from '../keys/types.js';
import { dialectCanonical, keepsEmpty, type Side, signedEntries, signedText } from './canonical.js';
import { DEFAULT_DIALECT, type Dialect } from './dialect.js';

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

/** Answers always carry their empty fields; requests only in the `emptyFields=keep` dialect. */
function wireKeepsEmpty(dialect: Dialect, side: Side): boolean {
  return side === 'answer' || keepsEmpty(dialect, 'request');
}

/** The canonical string of a message about to be signed (`sign_type=RSA` travels with it). */
function canonicalToSign(fields: Fields, apikey: string, dialect: Dialect, side: Side): string {
  const src = dialect.signType === 'include' ? { ...fields, sign_type: 'RSA' } : fields;
  return dialectCanonical(src, apikey, dialect, side);
}

function signed(entries: [string, string][], canonical: string, sign: string): SignedRequest {
  const fields: Fields = Object.fromEntries(entries);
  fields.sign = sign;
  fields.sign_type = 'RSA';
  return { fields, canonical, sign };
}

/** Sign a message of `side` under `dialect`: the one signer of requests, answers and notifications. */
export function signAs(
  fields: Fields,
  apikey: string,
  key: KeyObject,
  dialect: Dialect,
  side: Side,
): SignedRequest {
  // The returned fields drop what the dialect drops from the form, so form and signature agree.
  const entries = signedEntries(fields, wireKeepsEmpty(dialect, side));
  const canonical = canonicalToSign(fields, apikey, dialect, side);
  return signed(entries, canonical, rsaSign(signedText(canonical, dialect.digest), key));
}

/** {@link signAs} with the RSA work on libuv's thread pool; the same result. */
export async function signAsAsync(
  fields: Fields,
  apikey: string,
  key: KeyObject,
  dialect: Dialect,
  side: Side,
): Promise<SignedRequest> {
  const entries = signedEntries(fields, wireKeepsEmpty(dialect, side));
  const canonical = canonicalToSign(fields, apikey, dialect, side);
  return signed(entries, canonical, await rsaSignAsync(signedText(canonical, dialect.digest), key));
}

/** Sign a merchant request (default dialect: drop empty, sort, `&`+apikey, SHA256withRSA, Base64). */
export function signRequest(
  fields: Fields,
  apikey: string,
  key: KeyObject,
  dialect: Dialect = DEFAULT_DIALECT,
): SignedRequest {
  return signAs(fields, apikey, key, dialect, 'request');
}

/** Sign an answer or notification as the platform does (default dialect: keep empty; `&`+apikey only when respcode=00000). */
export function signResponse(
  fields: Fields,
  apikey: string,
  key: KeyObject,
  certid?: string,
  dialect: Dialect = DEFAULT_DIALECT,
): SignedRequest {
  const all = certid === undefined ? fields : { ...fields, certid };
  return signAs(all, apikey, key, dialect, 'answer');
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
export function signRequestAsync(
  fields: Fields,
  apikey: string,
  key: KeyObject,
  dialect: Dialect = DEFAULT_DIALECT,
): Promise<SignedRequest> {
  return signAsAsync(fields, apikey, key, dialect, 'request');
}

/** {@link signResponse} with the RSA work on the thread pool (the sandbox under load); the same result. */
export function signResponseAsync(
  fields: Fields,
  apikey: string,
  key: KeyObject,
  certid?: string,
  dialect: Dialect = DEFAULT_DIALECT,
): Promise<SignedRequest> {
  const all = certid === undefined ? fields : { ...fields, certid };
  return signAsAsync(all, apikey, key, dialect, 'answer');
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

/** Try `canonical` (its hex SHA-256 under `digest=sha256-hex`) against every key in order; the first that verifies wins. */
export function verifyWithKeys(
  canonical: string,
  signature: string | undefined,
  keys: readonly PublicKeyEntry[],
  certid?: string,
  digest: Dialect['digest'] = 'direct',
): VerifyResult {
  if (signature) {
    const text = signedText(canonical, digest);
    for (const entry of keysInOrder(keys, certid)) {
      if (rsaVerify(text, signature, entry.key)) {
        return { valid: true, certid: entry.certid, canonical, source: entry.source };
      }
    }
  }
  return { valid: false, canonical };
}

/** Verify a message of `side` under `dialect`, picking the key by certid, else trying all. */
export function verifyAs(
  fields: Fields,
  apikey: string,
  keys: readonly PublicKeyEntry[],
  dialect: Dialect,
  side: Side,
): VerifyResult {
  const canonical = dialectCanonical(fields, apikey, dialect, side);
  return verifyWithKeys(
    canonical,
    fields.sign,
    keys,
    side === 'answer' ? fields.certid : undefined,
    dialect.digest,
  );
}

/** Verify a platform answer/notification (default dialect: keep empty, apikey on 00000). */
export function verifyResponse(
  fields: Fields,
  apikey: string,
  keys: readonly PublicKeyEntry[],
  dialect: Dialect = DEFAULT_DIALECT,
): VerifyResult {
  return verifyAs(fields, apikey, keys, dialect, 'answer');
}

/** Verify a merchant request (the sandbox plays the platform with this). */
export function verifyRequest(
  fields: Fields,
  apikey: string,
  keys: readonly PublicKeyEntry[],
  dialect: Dialect = DEFAULT_DIALECT,
): VerifyResult {
  return verifyAs(fields, apikey, keys, dialect, 'request');
}

import type { KeyObject } from 'node:crypto';
import type { PublicKeyEntry } from '../keys/types.js';

// CONTRACT STUB: the signer owner replaces the bodies, keeping these signatures.

/** A flat message: field name → value, as it travels. */
export type Fields = Record<string, string>;

/** A request ready to send: empty fields dropped, `sign` and `sign_type=RSA` added. */
export interface SignedRequest {
  fields: Fields;
  canonical: string;
  sign: string;
}

/** Sign a merchant request (drop empty, sort, `&`+apikey, SHA256withRSA, Base64). */
export function signRequest(_fields: Fields, _apikey: string, _key: KeyObject): SignedRequest {
  throw new Error('not implemented');
}

/** Sign an answer or notification as the platform does (keep empty; `&`+apikey only when respcode=00000). */
export function signResponse(_fields: Fields, _apikey: string, _key: KeyObject, _certid?: string): SignedRequest {
  throw new Error('not implemented');
}

/** Outcome of verifying an answer or notification. */
export interface VerifyResult {
  valid: boolean;
  /** The certid of the key that verified, when known. */
  certid?: string;
  canonical: string;
}

/** Verify a platform answer/notification under the response rules, picking the key by certid, else trying all. */
export function verifyResponse(_fields: Fields, _apikey: string, _keys: readonly PublicKeyEntry[]): VerifyResult {
  throw new Error('not implemented');
}

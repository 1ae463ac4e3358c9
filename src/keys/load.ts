import type { KeyObject } from 'node:crypto';
import type { KeyRef, PlatformKeyRef } from '../config/types.js';
import type { PublicKeyEntry } from './types.js';

// CONTRACT STUB: the keys owner replaces the bodies, keeping these signatures.

/** Load a private key from PEM (PKCS#1/PKCS#8, encrypted too), one-line Base64 PKCS#8, or PKCS#12. */
export async function loadPrivateKey(_ref: KeyRef): Promise<KeyObject> {
  throw new Error('not implemented');
}

/** Load a public key from PEM SPKI/PKCS#1, one-line Base64 SPKI, or an X.509 certificate. */
export async function loadPublicKey(_path: string): Promise<KeyObject> {
  throw new Error('not implemented');
}

/** Load every configured platform key, each with its certid. */
export async function loadPlatformKeys(_refs: readonly PlatformKeyRef[]): Promise<PublicKeyEntry[]> {
  throw new Error('not implemented');
}

import { createPublicKey, type KeyObject } from 'node:crypto';
import type { ResolvedProfile } from '../config/types.js';
import { ConfigError } from '../core/errors.js';
import { loadPlatformKeys, loadPrivateKey, loadPublicKey } from './load.js';
import type { PublicKeyEntry } from './types.js';

/** The merchant private key of a profile (signing requests, decrypting returned fields). */
export function merchantPrivateKey(profile: ResolvedProfile): Promise<KeyObject> {
  return loadPrivateKey(profile.merchantKey);
}

/** The profile's platform keys, each with its certid; at least one is required. */
export async function platformPublicKeys(profile: ResolvedProfile): Promise<PublicKeyEntry[]> {
  if (profile.platformKeys.length === 0) {
    throw new ConfigError(`profile ${profile.name}: no platformKeys configured to verify with`, {
      code: 'KEY_MISSING',
    });
  }
  return loadPlatformKeys(profile.platformKeys);
}

/** The merchant's public key: from the merchant certificate when configured, else derived from the private key. */
export async function merchantPublicKey(profile: ResolvedProfile): Promise<PublicKeyEntry> {
  if (profile.merchantCert)
    return { key: await loadPublicKey(profile.merchantCert), source: profile.merchantCert };
  return { key: createPublicKey(await merchantPrivateKey(profile)), source: profile.merchantKey.path };
}

/** The profile's encryption public key (spec 2.4.3.2.2), required for `imp encrypt`. */
export async function encryptionPublicKey(profile: ResolvedProfile): Promise<KeyObject> {
  if (!profile.encryptionKey) {
    throw new ConfigError(`profile ${profile.name}: no encryptionKey configured`, {
      code: 'KEY_MISSING',
      hints: ['add "encryptionKey": { "path": "keys/platform-encrypt.pem" } to the profile'],
    });
  }
  return loadPublicKey(profile.encryptionKey.path);
}

import type { KeyObject } from 'node:crypto';

/** A platform public key with the certid that names it (key rotation) and where it came from. */
export interface PublicKeyEntry {
  certid?: string;
  key: KeyObject;
  /** File it was loaded from, for messages. */
  source: string;
}

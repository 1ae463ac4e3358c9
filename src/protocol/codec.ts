import type { Fields } from './signer.js';

// CONTRACT STUB: the codec owner replaces the bodies, keeping these signatures.

/** application/x-www-form-urlencoded, UTF-8, in the given field order. */
export function encodeForm(_fields: Fields): string {
  throw new Error('not implemented');
}

/** Parse a synchronous answer: raw `k=v&…` (no URL-decoding, `{…}`/`[…]` kept whole), `{…}` wrapper, or JSON. */
export function parseAnswer(_body: string | Buffer): Fields {
  throw new Error('not implemented');
}

/** Parse a URL-encoded notification body (or a raw `k=v` one). */
export function parseNotification(_body: string | Buffer, _contentType?: string): Fields {
  throw new Error('not implemented');
}

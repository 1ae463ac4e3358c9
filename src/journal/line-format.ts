import * as crypto from 'node:crypto';

/**
 * How one journal line is stored: the JSON object as `JSON.stringify` writes it, with a last
 * member `"ck"` holding the first 16 hex digits of the SHA-256 of the same text without that
 * member. Any changed byte (a digit of an order number, an amount, a state) makes the line
 * "damaged" when read back. Lines written before checksums existed carry no `ck`: they are read
 * as legacy (see read.ts). This is the journal's storage contract; a journal kept elsewhere (a
 * database) keeps the same checksum per record.
 */
export const CHECKSUM_KEY = 'ck';
const CK_HEX = 16;
const TAIL = /,"ck":"([0-9a-f]{16})"\}$/;

/** The checksum of a line's body (its JSON text without the `ck` member). */
export function checksumOf(body: string): string {
  return sha256Hex(body).slice(0, CK_HEX);
}

/**
 * Every command reads every line of the journal and checks its checksum: crypto.hash (Node 20.12
 * and later) does it in a quarter of createHash's time (1.05 µs against 4.6 µs a 270-byte line).
 */
const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');

/** The stored text of a journal object (no trailing newline). */
export function encodeLine(obj: object): string {
  const body = JSON.stringify(obj);
  return `${body.slice(0, -1)},"${CHECKSUM_KEY}":"${checksumOf(body)}"}`;
}

/** What a stored line's checksum says: `ok`, `bad` (mismatch: damaged) or `none` (a legacy line). */
export type ChecksumVerdict = 'ok' | 'bad' | 'none';

/** Check a stored line's checksum against its text, byte for byte. */
export function verifyLine(raw: string): ChecksumVerdict {
  const m = TAIL.exec(raw);
  if (!m) return raw.includes(`"${CHECKSUM_KEY}":`) ? 'bad' : 'none';
  const body = `${raw.slice(0, m.index)}}`;
  return checksumOf(body) === m[1] ? 'ok' : 'bad';
}

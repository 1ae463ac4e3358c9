import { msg } from '../core/message.js';
import type { PublicKeyEntry } from '../keys/types.js';
import { dialectCanonical, type Side } from './canonical.js';
import { allDialects, DIALECT_KEYS, type Dialect, dialectDiff } from './dialect.js';
import { type Fields, verifyWithKeys } from './signer.js';
import type { VerifyNote } from './verify-diagnosis.js';

/** A dialect under which a message verifies, as close to the configured one as possible. */
export interface DialectMatch {
  dialect: Dialect;
  /** The settings that differ from the configured dialect (empty: the configured one verifies). */
  changes: Partial<Dialect>;
  certid?: string;
  /** Settings this message cannot tell apart (e.g. answerApikey success/always on a 00000 answer). */
  undecided: (keyof Dialect)[];
}

/** The settings that shape each side's canonical string. */
export const SIDE_KEYS: Record<Side, readonly (keyof Dialect)[]> = {
  request: ['signType', 'digest', 'emptyFields'],
  answer: ['signType', 'answerApikey', 'digest', 'answerEmptyFields'],
};

const distance = (a: Dialect, b: Dialect) => Object.keys(dialectDiff(a, b)).length;

/** Every dialect, the configured one first, then by how many settings differ from it. */
function byCloseness(current: Dialect): Dialect[] {
  return allDialects()
    .map((d, i) => ({ d, i, n: distance(d, current) }))
    .sort((a, b) => a.n - b.n || a.i - b.i)
    .map((x) => x.d);
}

/**
 * Find the dialect a message of `side` is signed in: every dialect is tried, the fewest changes
 * from `current` first. `verify --explain`, the notification listener and `config probe` call it.
 */
export function findDialect(
  fields: Fields,
  apikey: string,
  keys: readonly PublicKeyEntry[],
  current: Dialect,
  side: Side,
): DialectMatch | undefined {
  if (!fields.sign) return undefined;
  const tried = new Set<string>();
  const verifying = new Set<string>();
  let match: DialectMatch | undefined;
  for (const d of byCloseness(current)) {
    const canonical = dialectCanonical(fields, apikey, d, side);
    const id = `${d.digest}\u0000${canonical}`;
    if (!tried.has(id)) {
      tried.add(id);
      const r = verifyWithKeys(
        canonical,
        fields.sign,
        keys,
        side === 'answer' ? fields.certid : undefined,
        d.digest,
      );
      if (r.valid) verifying.add(id);
      if (r.valid && !match)
        match = { dialect: d, changes: dialectDiff(d, current), certid: r.certid, undecided: [] };
    }
    if (match && verifying.has(id)) {
      // another dialect that verifies too: the settings where it differs cannot be told from this message
      for (const k of Object.keys(dialectDiff(d, match.dialect)) as (keyof Dialect)[]) {
        if (SIDE_KEYS[side].includes(k) && !match.undecided.includes(k)) match.undecided.push(k);
      }
    }
  }
  if (match) match.undecided.sort((a, b) => DIALECT_KEYS.indexOf(a) - DIALECT_KEYS.indexOf(b));
  return match;
}

/** `signType=include, answerApikey=always` for messages. */
export function settingsText(changes: Partial<Dialect>): string {
  return Object.entries(changes)
    .map(([k, v]) => `signature.${k}=${v}`)
    .join(', ');
}

/** The `signature` block to put in the profile for `dialect` (only what differs from the default), as JSON text. */
export function signatureBlock(dialect: Dialect): string {
  return `"signature": ${JSON.stringify(dialectDiff(dialect))}`
    .replace(/":"/g, '": "')
    .replace(/","/g, '", "');
}

/** The diagnosis lines of a match that changes something: which setting verifies, and what to set. */
export function dialectAdvice(m: DialectMatch, profileName?: string): VerifyNote[] {
  const block = signatureBlock(m.dialect);
  const out: VerifyNote[] = [
    msg('dialect-verifies', { settings: settingsText(m.changes) }),
    profileName ? msg('dialect-set-profile', { profile: profileName, block }) : msg('dialect-set', { block }),
  ];
  const hidden = m.undecided.filter((k) => k in m.changes || k === 'answerApikey');
  if (hidden.length)
    out.push(msg('dialect-undecided', { keys: hidden.join(', '), keysZh: hidden.join('、') }));
  return out;
}

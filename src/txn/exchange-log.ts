import { maskIn } from '../core/mask.js';
import { shown } from '../output/escape.js';
import type { TxnSession } from './session.js';
import type { PreparedTxn } from './types.js';

/** `sign=abcd…wxyz (344 chars)`: enough to compare, short enough to read. */
export function shortenSign(text: string): string {
  return text.replace(/(^|&)(sign=)([A-Za-z0-9+/%=]{24,})/g, (_m, pre: string, k: string, v: string) => {
    return `${pre}${k}${v.slice(0, 8)}…${v.slice(-8)} (${v.length} chars)`;
  });
}

/** Passwords of the profile: masked without a character shown if one ever reached a log line. */
function passwords(session: TxnSession): (string | undefined)[] {
  const p = session.profile;
  return [p.merchantKey.password, p.sftp?.password, p.sftp?.zipPassword];
}

/** The profile's secrets masked in a log line. */
const masked = (text: string, session: TxnSession) =>
  maskIn(text, [session.profile.apikey], passwords(session));

/** `--verbose`: the request as sent, on stderr, apikey masked and sign shortened. */
export function logRequest(session: TxnSession, p: PreparedTxn): void {
  if (!session.verbose) return;
  const out = session.out;
  out.note(`→ POST ${shown(p.url)}`);
  out.note(`  canonical: ${shown(masked(p.canonicalMasked, session))}`);
  out.note(`  body: ${shown(shortenSign(masked(p.body, session)))}`);
}

/** `--verbose`: the answer as received (or what went wrong). */
export function logAnswer(
  session: TxnSession,
  what: { status?: number; ms?: number; body?: Buffer | string; error?: string; verified?: boolean },
): void {
  if (!session.verbose) return;
  const out = session.out;
  if (what.error) out.note(`← ${shown(masked(what.error, session))}`);
  if (what.status !== undefined)
    out.note(`← HTTP ${what.status}${what.ms === undefined ? '' : ` in ${what.ms} ms`}`);
  // the answer's bytes as the platform (or whatever answered) sent them: escaped, one line
  if (what.body !== undefined) out.note(`  ${shown(shortenSign(masked(String(what.body).trim(), session)))}`);
  if (what.verified !== undefined) out.note(`  signature: ${what.verified ? 'verified' : 'INVALID'}`);
}

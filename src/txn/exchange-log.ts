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

/** Secrets of the profile that must never reach a log line. */
function secrets(session: TxnSession): string[] {
  const p = session.profile;
  return [p.apikey, p.merchantKey.password, p.sftp?.password, p.sftp?.zipPassword].filter(
    (s): s is string => !!s,
  );
}

/** `--verbose`: the request as sent, on stderr, apikey masked and sign shortened. */
export function logRequest(session: TxnSession, p: PreparedTxn): void {
  if (!session.verbose) return;
  const out = session.ctx.out;
  const s = secrets(session);
  out.note(`→ POST ${shown(p.url)}`);
  out.note(`  canonical: ${shown(maskIn(p.canonicalMasked, s))}`);
  out.note(`  body: ${shown(shortenSign(maskIn(p.body, s)))}`);
}

/** `--verbose`: the answer as received (or what went wrong). */
export function logAnswer(
  session: TxnSession,
  what: { status?: number; ms?: number; body?: Buffer | string; error?: string; verified?: boolean },
): void {
  if (!session.verbose) return;
  const out = session.ctx.out;
  const s = secrets(session);
  if (what.error) out.note(`← ${shown(maskIn(what.error, s))}`);
  if (what.status !== undefined)
    out.note(`← HTTP ${what.status}${what.ms === undefined ? '' : ` in ${what.ms} ms`}`);
  // the answer's bytes as the platform (or whatever answered) sent them: escaped, one line
  if (what.body !== undefined) out.note(`  ${shown(shortenSign(maskIn(String(what.body).trim(), s)))}`);
  if (what.verified !== undefined) out.note(`  signature: ${what.verified ? 'verified' : 'INVALID'}`);
}

import { UsageError } from './errors.js';
import { isLoopback } from './loopback.js';

/** Schemes that encrypt on the wire. */
const ENCRYPTED = new Set(['https:', 'sftp:', 'ftps:']);
/** Plain-text schemes: allowed only to this machine, or when the profile says so. */
const PLAIN = new Set(['http:', 'ftp:']);

/** Why a destination is refused; `overridable` when `http.allowInsecure` may allow it (plain text, not nonsense). */
export interface TransportProblem {
  why: string;
  overridable: boolean;
}

/**
 * Would sending to `url` expose signed requests, notifications or passwords on the network
 * (plain http/ftp to a host other than this machine)? Undefined when it would not.
 * Unknown schemes and unparsable URLs are problems too, never overridable.
 */
export function insecureTransport(url: string): TransportProblem | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { why: 'not a URL', overridable: false };
  }
  const scheme = u.protocol.replace(/:$/, '');
  if (ENCRYPTED.has(u.protocol)) return undefined;
  if (!PLAIN.has(u.protocol)) return { why: `${scheme} is not a supported scheme`, overridable: false };
  if (isLoopback(u.hostname)) return undefined;
  const secure = u.protocol === 'http:' ? 'https' : 'ftps or sftp';
  return {
    why: `plain ${scheme} to ${u.hostname}, which is not this machine (use ${secure})`,
    overridable: true,
  };
}

/**
 * Refuse, before anything is sent, a destination {@link insecureTransport} objects to, unless
 * the profile sets `http.allowInsecure: true` (which `config doctor` flags). `key` names the
 * setting or flag the URL came from, for the one-line message (exit 2).
 */
export function assertSecureTransport(url: string, key: string, allowInsecure = false): void {
  const problem = insecureTransport(url);
  if (!problem || (allowInsecure && problem.overridable)) return;
  throw new UsageError(`${key}: ${url}: ${problem.why}`, {
    code: 'INSECURE_TRANSPORT',
    hints: problem.overridable
      ? ['http.allowInsecure: true in the profile allows it anyway (not advised)']
      : [],
  });
}

import { ExitCode } from '../core/exit-codes.js';
import type { Message } from '../core/message.js';

/** Every message of `imp config probe` (words: src/output/messages/probe.ts). */
export type ProbeCode =
  | 'dns-ok'
  | 'dns-failed'
  | 'tcp-timeout'
  | 'tcp-ok'
  | 'tcp-failed'
  | 'tls-timeout'
  | 'tls-expiring'
  | 'tls-ok'
  | 'tls-failed'
  | 'sftp-unreachable'
  | 'sftp-unpinned'
  | 'sftp-mismatch'
  | 'sftp-ok'
  | 'query-failed'
  | 'query-answered'
  | 'answer-unverified'
  | 'answer-verifies'
  | 'request-refused'
  | 'request-split'
  | 'request-accepted'
  | 'known-order-failed'
  | 'apikey-split'
  | 'undecided'
  | 'why-answer-apikey'
  | 'why-answer-empty'
  | 'why-sign-type'
  | 'why-empty-fields'
  | 'why-none'
  | 'dialect-written'
  | 'dialect-written-same'
  | 'dialect-differs'
  | 'dialect-agrees'
  | 'problems'
  | 'all-agree';

/** One thing `imp config probe` checked. */
export interface ProbeCheck {
  /** Short name: dns, tcp, tls, query, dialect, request-signature, sftp… */
  name: string;
  /** ok; warn (worth knowing, not a problem); problem (one line, and the exit code it gives). */
  level: 'ok' | 'warn' | 'problem' | 'info';
  message: Message<ProbeCode>;
  /** For a problem: the exit code it gives (README "config probe"). */
  exitCode?: ExitCode;
}

/** Exit codes of the probe's problems (documented in the README). */
export const PROBE_EXIT = {
  /** The platform or the SFTP host could not be reached (DNS, TCP, TLS, HTTP). */
  unreachable: ExitCode.unreachable,
  /** A signature reading or a host key disagrees. */
  disagree: ExitCode.signature,
  /** The platform answered, but not as a query of an unknown order should (e.g. unknown busino). */
  business: ExitCode.business,
} as const;

import { ExitCode } from '../core/exit-codes.js';
import type { Text } from '../output/i18n.js';

/** One thing `imp config probe` checked. */
export interface ProbeCheck {
  /** Short name: dns, tcp, tls, query, dialect, request-signature, sftp… */
  name: string;
  /** ok; warn (worth knowing, not a problem); problem (one line, and the exit code it gives). */
  level: 'ok' | 'warn' | 'problem' | 'info';
  message: Text;
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

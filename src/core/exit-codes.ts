/**
 * Process exit codes: a contract with scripts and cron jobs (README "Exit codes").
 * Only `src/cli/main.ts` turns these into a process exit.
 */
export const ExitCode = {
  ok: 0,
  /** The platform answered, but the business result is a failure (respcode ≠ 00000, status failed…). */
  business: 1,
  /** Usage, configuration or input error: nothing was sent. */
  usage: 2,
  /** Outcome unknown (timeout, connection lost, HTTP 5xx): the operation may or may not have happened. */
  unknown: 3,
  /** A signature did not verify. */
  signature: 4,
  /** Reconciliation found differences. */
  reconDiff: 5,
  /** A reconciliation file is not (yet) on the server. */
  notYet: 6,
  /** Could not reach the platform (refused, DNS, TLS handshake, connect timeout) or the journal's database: nothing was sent; safe to run again. */
  unreachable: 7,
  /** A bug in imp itself (an unexpected exception). */
  internal: 10,
  /** Interrupted by Ctrl-C. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

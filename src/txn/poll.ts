import { SignatureError, UnknownOutcomeError, UsageError } from '../core/errors.js';
import { msg } from '../core/message.js';
import { english, saidHints } from '../output/messages/errors.js';
import { startSpinner } from '../output/spinner.js';
import { findOutCommand } from './hints.js';
import type { TxnSession } from './session.js';
import type { TxnIds, TxnOutcome } from './types.js';

/** Default `--wait` in seconds. */
export const DEFAULT_WAIT_SECONDS = 120;

/**
 * `--wait [seconds]` as commander hands it over: `true` (flag alone) → the
 * default, a number of seconds, or undefined when not waiting.
 */
export function parseWait(value: unknown): number | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true) return DEFAULT_WAIT_SECONDS;
  const s = String(value).trim();
  if (!/^\d{1,5}$/.test(s) || Number(s) === 0) {
    throw new UsageError(`--wait: '${value}' is not a number of seconds (e.g. --wait 60)`, {
      code: 'BAD_WAIT',
    });
  }
  return Number(s);
}

/** Delay before the n-th poll (0-based): 1, 2, 3, 5, 5… seconds. */
export function backoffMs(n: number): number {
  return ([1000, 2000, 3000][n] ?? 5000) as number;
}

/** What {@link waitForFinal} needs. */
export interface WaitOptions {
  /** Ask once; must return a verified outcome (or throw). */
  ask: () => Promise<TxnOutcome>;
  seconds: number;
  /** Identifiers for the time-out error and its hint. */
  ids: TxnIds;
  /** The transaction whose outcome is awaited (picks the query to suggest). */
  txn: 'query' | 'refundquery';
  /** Spinner label, e.g. "waiting for payment". */
  label: string;
  /** Test hooks: how to sleep and what time it is. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Poll until a final state (success or failure) with backoff, a spinner
 * showing elapsed time and the current state. Transient unknown outcomes keep
 * polling; a bad signature stops at once (exit 4). Time-out → exit 3.
 */
export async function waitForFinal(session: TxnSession, opts: WaitOptions): Promise<TxnOutcome> {
  const out = session.out;
  const sleep = opts.sleep ?? realSleep;
  const now = opts.now ?? Date.now;
  const started = now();
  const deadline = started + opts.seconds * 1000;
  const spinner = await startSpinner(out, opts.label);
  let last: TxnOutcome | undefined;
  let lastError: UnknownOutcomeError | undefined;
  try {
    for (let n = 0; ; n++) {
      try {
        last = await opts.ask();
        lastError = undefined;
        if (last.state === 'success' || last.state === 'failure') {
          spinner.stop();
          return last;
        }
      } catch (err) {
        if (err instanceof SignatureError || !(err instanceof UnknownOutcomeError)) throw err;
        lastError = err;
      }
      const elapsed = Math.round((now() - started) / 1000);
      const current = last?.status ? out.t(last.status.label) : lastError ? lastError.message : '…';
      spinner.text(`${opts.label} · ${elapsed}s · ${current}`);
      const wait = Math.min(backoffMs(n), deadline - now());
      if (wait <= 0) break;
      await sleep(wait);
    }
  } finally {
    spinner.stop();
  }
  const state = last?.status ? msg('txn-words', { ...last.status.label }) : msg('txn-state-unknown');
  const cmd = findOutCommand(session, opts.txn, opts.ids);
  const { amount: _a, ...ids } = opts.ids;
  const said = msg('txn-wait-timeout', { seconds: opts.seconds, state });
  throw new UnknownOutcomeError(english(said), {
    code: 'WAIT_TIMEOUT',
    said,
    ids,
    ...saidHints(cmd ? [msg('txn-ask-later', { command: cmd })] : []),
    details: { state: last?.state ?? 'unknown', lastStatus: last?.status?.value },
  });
}

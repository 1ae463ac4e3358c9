import { setTimeout as sleep } from 'node:timers/promises';
import { UsageError } from '../core/errors.js';

/** Where a pacer reads the time and waits (tests give it a clock of their own). */
export interface PacerClock {
  now(): number;
  sleep(ms: number): Promise<unknown>;
}
const REAL_CLOCK: PacerClock = { now: () => performance.now(), sleep: (ms) => sleep(ms) };

/**
 * Spaces requests evenly at `perSecond`, on a fixed schedule (request k one interval after request
 * k-1's slot), so timers that fire late do not slow the rate down. Slots that a stall (a busy
 * machine) made the batch miss are made up: at 1.25 times the rate at most, and within a cap of the
 * rate plus one request in any window of one second (a request waits until one second has passed
 * since the one `perSecond` + 1 places before it), so over the next seconds, never in a burst. The
 * schedule stays at most one window behind (a longer stall's slots are let go). Restarting the
 * schedule after each stall instead fell 2-5% short of the rate on a busy machine.
 */
export class Pacer {
  private readonly intervalMs: number;
  /** Requests allowed in one window: the rate's, plus one to make up missed slots with. */
  private readonly perWindow: number;
  /** When the last requests were sent (a ring of perWindow), to hold the window. */
  private readonly sent: number[] = [];
  private count = 0;
  private next = Number.NEGATIVE_INFINITY;
  private last = Number.NEGATIVE_INFINITY;
  private queue: Promise<unknown> = Promise.resolve();

  /** `windowMs`: the window over which the rate must never be exceeded (one second; tests shorten it). */
  constructor(
    readonly perSecond: number,
    private readonly windowMs = 1000,
    private readonly clock: PacerClock = REAL_CLOCK,
  ) {
    this.intervalMs = 1000 / perSecond;
    this.perWindow = Math.floor((perSecond * windowMs) / 1000) + 1;
  }

  /** Wait for this request's slot; resolves with the time it was sent at (performance.now()). */
  take(): Promise<number> {
    const turn = this.queue.then(() => this.slot());
    this.queue = turn;
    return turn;
  }

  private async slot(): Promise<number> {
    const oldest = this.count >= this.perWindow ? this.sent[this.count % this.perWindow] : undefined;
    const target = Math.max(
      this.next,
      oldest === undefined ? Number.NEGATIVE_INFINITY : oldest + this.windowMs,
      this.last + this.intervalMs * 0.8,
    );
    let now = this.clock.now();
    // a timer counts from the event loop's clock, which may be behind: it can fire a little early
    while (now < target) {
      await this.clock.sleep(Math.ceil(target - now));
      now = this.clock.now();
    }
    // the first request starts the schedule; the others keep it, up to one window behind
    this.next = (this.count === 0 ? now : Math.max(this.next, now - this.windowMs)) + this.intervalMs;
    this.sent[this.count % this.perWindow] = now;
    this.last = now;
    this.count += 1;
    return now;
  }
}

/** The pacer every POST to the platform waits for (set by a batch for its run; one command a process). */
let current: Pacer | undefined;

/** Run `fn` with every request to the platform paced at `perSecond` (undefined: unpaced). */
export async function withRate<R>(perSecond: number | undefined, fn: () => Promise<R>): Promise<R> {
  const before = current;
  current = perSecond === undefined ? undefined : new Pacer(perSecond);
  try {
    return await fn();
  } finally {
    current = before;
  }
}

/** Wait for the next request slot, when a rate is set. */
export function paced(): Promise<unknown> | undefined {
  return current?.take();
}

/** Requests a second a batch sends when `--rate` is not given (README, Batches). */
export const DEFAULT_RATE = 50;

/** `--rate <n>/s` (or `<n>`): requests a second, 0.1 to 10,000; `off` for no limit. */
export function parseRate(value: unknown): number | undefined {
  if (value === undefined || value === '') return DEFAULT_RATE;
  const text = String(value).trim();
  if (text === 'off') return undefined;
  const m = /^(\d+(?:\.\d+)?)(?:\/s)?$/.exec(text);
  const n = m ? Number(m[1]) : Number.NaN;
  if (!(n >= 0.1 && n <= 10_000)) {
    throw new UsageError(`--rate: '${text}' is not a rate such as 50/s (0.1 to 10000 a second, or off)`, {
      code: 'BAD_RATE',
    });
  }
  return n;
}

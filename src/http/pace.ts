import { setTimeout as sleep } from 'node:timers/promises';
import { UsageError } from '../core/errors.js';

/**
 * Spaces requests evenly at `perSecond`. Requests take slots one after another on a fixed
 * schedule (each slot one interval after the last), so a timer that fires a little late does
 * not slow the rate down; after a stall longer than an interval (a busy machine) the schedule
 * restarts from now instead of catching up, so no burst ever follows: the rate holds over any
 * window and never goes above it.
 */
export class Pacer {
  private readonly intervalMs: number;
  private last = Number.NEGATIVE_INFINITY;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly perSecond: number) {
    this.intervalMs = 1000 / perSecond;
  }

  /** Wait for this request's slot; resolves with the time it was sent at (performance.now()). */
  take(): Promise<number> {
    const turn = this.queue.then(() => this.slot());
    this.queue = turn;
    return turn;
  }

  private async slot(): Promise<number> {
    const target = this.last + this.intervalMs;
    let now = performance.now();
    if (now < target) {
      await sleep(target - now);
      now = performance.now();
    }
    // late by less than an interval: keep the schedule; later than that: start it again from now
    this.last = now - target > this.intervalMs ? now : target;
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

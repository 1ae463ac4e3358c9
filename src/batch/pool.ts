import { UsageError } from '../core/errors.js';

/**
 * Run `worker` over every item of `source` with at most `concurrency` in flight.
 * Items are pulled only when a slot is free, so a large input is never held in
 * memory. The first error a worker throws stops pulling new items and is rethrown
 * once the items already in flight have finished (nothing is abandoned mid-request).
 */
export async function runPool<T>(
  source: AsyncIterable<T>,
  concurrency: number,
  worker: (item: T) => Promise<void>,
): Promise<void> {
  const it = source[Symbol.asyncIterator]();
  let failed: { err: unknown } | undefined;
  const lane = async () => {
    while (!failed) {
      let next: IteratorResult<T>;
      try {
        next = await it.next();
      } catch (err) {
        failed ??= { err };
        return;
      }
      if (next.done) return;
      try {
        await worker(next.value);
      } catch (err) {
        failed ??= { err };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
  if (failed) {
    await it.return?.();
    throw failed.err;
  }
}

/**
 * Serialises work per key: two rows of the same order never run at once, so the
 * second sees the first's journal lines (already-refunded amounts, duplicates).
 */
export class KeyedLock {
  /** Per busy key, the runs waiting for it (usually none: a batch's keys rarely repeat). */
  private readonly waiting = new Map<string, (() => void)[]>();

  async run<R>(key: string, fn: () => Promise<R>): Promise<R> {
    const queue = this.waiting.get(key);
    if (queue) await new Promise<void>((resolve) => queue.push(resolve));
    else this.waiting.set(key, []);
    try {
      return await fn();
    } finally {
      // hand the key to the next run in line, or forget it so the map stays small
      const next = this.waiting.get(key)?.shift();
      if (next) next();
      else this.waiting.delete(key);
    }
  }
}

/** `--concurrency` as a number between 1 and 64. */
export function parseConcurrency(value: unknown, fallback = 4): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) {
    throw new UsageError(`--concurrency: '${String(value)}' is not a whole number between 1 and 64`, {
      code: 'BAD_CONCURRENCY',
    });
  }
  return n;
}

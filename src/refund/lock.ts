import { UsageError } from '../core/errors.js';
import { acquireFileLock, STALE_MS } from '../core/file-lock.js';
import type { Journal } from '../journal/index.js';

/**
 * On a shared journal (PostgreSQL) `fn` runs as is: each refund locks its own order there
 * ({@link Journal.lockOrder}), on every machine. On the journal file:
 * run `fn` holding the profile's refund lock (`<journal>.refund.lock`, see acquireFileLock).
 * Two imp processes refunding at once would both pass the duplicate and over-refund checks
 * before either journals its refund; the lock makes the check-then-journal step one at a time
 * (and the journal's claim rule backs it up). A lock left by a process that died goes stale and
 * is taken over; a live holder is waited for a little, then reported.
 */
export async function withRefundLock<R>(journal: Journal, zh: boolean, fn: () => Promise<R>): Promise<R> {
  if (journal.filePath === undefined) return fn();
  const path = `${journal.filePath}.refund.lock`;
  const lock = await acquireFileLock(path, { waitMs: STALE_MS + 1_500 });
  if (lock.heldBy) {
    const since = lock.heldBy.since ?? '?';
    throw new UsageError(
      zh
        ? `另一个 imp 退款进程正在运行（自 ${since}）：请等它结束再试`
        : `another imp refund is running (since ${since}): try again when it has finished`,
      { code: 'REFUND_LOCKED', hints: [path] },
    );
  }
  try {
    return await fn();
  } finally {
    await lock.release();
  }
}

import { UsageError } from '../core/errors.js';
import { acquireFileLock, STALE_MS } from '../core/file-lock.js';
import { msg } from '../core/message.js';
import type { Journal } from '../journal/index.js';
import { english } from '../output/messages/errors.js';

/**
 * On a shared journal (PostgreSQL) `fn` runs as is: each refund locks its own order there
 * ({@link Journal.lockOrder}), on every machine. On the journal file:
 * run `fn` holding the profile's refund lock (`<journal>.refund.lock`, see acquireFileLock).
 * Two imp processes refunding at once would both pass the duplicate and over-refund checks
 * before either journals its refund; the lock makes the check-then-journal step one at a time
 * (and the journal's claim rule backs it up). A lock left by a process that died goes stale and
 * is taken over; a live holder is waited for a little, then reported.
 */
export async function withRefundLock<R>(journal: Journal, fn: () => Promise<R>): Promise<R> {
  if (journal.filePath === undefined) return fn();
  const path = `${journal.filePath}.refund.lock`;
  const lock = await acquireFileLock(path, { waitMs: STALE_MS + 1_500 });
  if (lock.heldBy) {
    const since = lock.heldBy.since ?? '?';
    const said = msg('refund-locked', { since });
    throw new UsageError(english(said), { code: 'REFUND_LOCKED', said, hints: [path] });
  }
  try {
    return await fn();
  } finally {
    await lock.release();
  }
}

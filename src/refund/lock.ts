import { UsageError } from '../core/errors.js';
import { acquirePidLock } from '../core/pid-lock.js';

/**
 * Run `fn` holding the profile's refund lock (`<journal>.refund.lock`, see
 * acquirePidLock). Two imp processes refunding at once would both pass the
 * duplicate and over-refund checks before either journals its refund; the lock
 * makes the check-then-journal step one at a time. A lock left by a process
 * that died is taken over.
 */
export async function withRefundLock<R>(journalFile: string, zh: boolean, fn: () => Promise<R>): Promise<R> {
  const path = `${journalFile}.refund.lock`;
  const lock = await acquirePidLock(path);
  if (lock.heldBy) {
    const { pid, since = '?' } = lock.heldBy;
    throw new UsageError(
      zh
        ? `另一个 imp 退款进程正在运行（pid ${pid}，自 ${since}）：请等它结束再试`
        : `another imp refund is running (pid ${pid}, since ${since}): try again when it has finished`,
      { code: 'REFUND_LOCKED', hints: [path] },
    );
  }
  try {
    return await fn();
  } finally {
    await lock.release().catch(() => undefined);
  }
}

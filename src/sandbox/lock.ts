import path from 'node:path';
import { UsageError } from '../core/errors.js';
import { acquirePidLock } from '../core/pid-lock.js';

/**
 * One sandbox per data dir: two writing the same state log would corrupt it. The lock
 * file holds the owner's pid; a lock left by a process that died is taken over.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const file = path.join(dataDir, 'sandbox.lock');
  const lock = await acquirePidLock(file);
  if (!lock.heldBy) return lock.release;
  if (!lock.heldBy.pid) throw new UsageError(`could not lock ${dataDir}`, { code: 'SANDBOX_BUSY' });
  throw new UsageError(`another sandbox (pid ${lock.heldBy.pid}) is using ${dataDir}`, {
    code: 'SANDBOX_BUSY',
    hints: [`stop it, or use another --data directory (if no sandbox runs, remove ${file})`],
  });
}

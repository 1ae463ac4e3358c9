import path from 'node:path';
import { UsageError } from '../core/errors.js';
import { acquireFileLock } from '../core/file-lock.js';

/**
 * One sandbox per data dir: two writing the same state log would corrupt it. A lock left by a
 * process that died goes stale and is taken over (see acquireFileLock).
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const file = path.join(dataDir, 'sandbox.lock');
  const lock = await acquireFileLock(file);
  if (!lock.heldBy) return lock.release;
  throw new UsageError(`another sandbox is using ${dataDir}`, {
    code: 'SANDBOX_BUSY',
    hints: [`stop it, or use another --data directory (a lock left by a dead sandbox clears within 5 s)`],
  });
}

import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../core/errors.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One sandbox per data dir: two writing the same state log would corrupt it. The lock
 * file holds the owner's pid; a lock left by a process that died is taken over.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const file = path.join(dataDir, 'sandbox.lock');
  const token = `${process.pid}:${Date.now()}:${Math.random()}`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await fsp.writeFile(file, token, { flag: 'wx' });
      return async () => {
        const now = await fsp.readFile(file, 'utf8').catch(() => '');
        if (now === token) await fsp.rm(file, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number((await fsp.readFile(file, 'utf8').catch(() => '')).split(':')[0]);
      if (pid && alive(pid)) {
        throw new UsageError(`another sandbox (pid ${pid}) is using ${dataDir}`, {
          code: 'SANDBOX_BUSY',
          hints: [`stop it, or use another --data directory (if no sandbox runs, remove ${file})`],
        });
      }
      await fsp.rm(file, { force: true });
    }
  }
  throw new UsageError(`could not lock ${dataDir}`, { code: 'SANDBOX_BUSY' });
}

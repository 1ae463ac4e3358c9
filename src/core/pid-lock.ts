import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';

/** Who holds a lock: the pid written in its file (0 when unreadable) and since when (as written). */
export interface LockHolder {
  pid: number;
  since?: string;
}

/** The outcome of {@link acquirePidLock}: held by us (with its release), or by a live process. */
export type PidLock = { release: () => Promise<void>; heldBy?: undefined } | { heldBy: LockHolder };

/** Is a process with this pid alive (EPERM: alive, someone else's)? */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parse(text: string): LockHolder {
  const [pidText, since] = text.split('\n');
  const pid = Number(pidText);
  return { pid: Number.isInteger(pid) && pid > 0 ? pid : 0, ...(since ? { since } : {}) };
}

/**
 * Take the lock file `file`: created exclusively (mode 600), holding `<pid>\n<ISO time>\n<nonce>\n`.
 * A lock whose pid is not a live process (or that holds no pid: its owner died while
 * writing it) is taken over once. `release()` removes the file only while it is still
 * ours, so it never deletes a lock someone else took over.
 */
export async function acquirePidLock(file: string): Promise<PidLock> {
  await fsp.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const token = `${process.pid}\n${new Date().toISOString()}\n${randomBytes(6).toString('hex')}\n`;
  let holder: LockHolder = { pid: 0 };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fh = await fsp.open(file, 'wx', 0o600);
      try {
        await fh.writeFile(token);
      } finally {
        await fh.close();
      }
      return {
        async release() {
          const now = await fsp.readFile(file, 'utf8').catch(() => '');
          if (now === token) await fsp.rm(file, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      holder = parse(await fsp.readFile(file, 'utf8').catch(() => ''));
      if (holder.pid && alive(holder.pid)) return { heldBy: holder };
      await fsp.rm(file, { force: true });
    }
  }
  // taken over by another process between our removal and our create
  return { heldBy: holder };
}

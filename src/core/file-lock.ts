import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** The outcome of {@link acquireFileLock}: held by us (with its release), or by another live process. */
export type FileLock =
  | { release: () => Promise<void>; heldBy?: undefined; compromised: () => Error | undefined }
  | { heldBy: { since?: string } };

/** Options of {@link acquireFileLock}. */
export interface FileLockOptions {
  /** How long to wait for a holder to finish (ms; default 0: answer at once). */
  waitMs?: number;
}

/**
 * Milliseconds after which a lock whose holder stopped refreshing it is stale (its holder died:
 * kill -9, power cut) and is taken over. A live holder refreshes it every {@link UPDATE_MS}.
 */
export const STALE_MS = 5_000;
const UPDATE_MS = 1_000;

/**
 * Take the lock `file` with proper-lockfile: an atomic `mkdir` of `<file>`, whose mtime the
 * holder refreshes while it lives, so a lock left by a dead process goes stale and is taken over
 * (no pid files, no guessing whether a pid is alive or reused). A lock that another process
 * takes over while we hold it (a stall longer than {@link STALE_MS}) is reported by
 * `compromised()` instead of crashing the process. Callers that move money add the journal's
 * claim rule (src/journal/claims.ts), which holds even when two processes both think they hold
 * the lock.
 */
export async function acquireFileLock(file: string, options: FileLockOptions = {}): Promise<FileLock> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const { default: lockfile } = await import('proper-lockfile');
  let lost: Error | undefined;
  const waitMs = options.waitMs ?? 0;
  const retries =
    waitMs > 0 ? { retries: Math.ceil(waitMs / 250), minTimeout: 250, maxTimeout: 250, factor: 1 } : 0;
  try {
    const release = await lockfile.lock(dir, {
      lockfilePath: file,
      realpath: false,
      stale: STALE_MS,
      update: UPDATE_MS,
      retries,
      onCompromised: (err) => {
        lost = err;
      },
    });
    return {
      release: () => release().catch(() => undefined),
      compromised: () => lost,
    };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ELOCKED') throw err;
    const since = await stat(file).then(
      (s) => s.birthtime.toISOString(),
      () => undefined,
    );
    return { heldBy: since ? { since } : {} };
  }
}

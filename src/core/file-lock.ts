import fs from 'node:fs';
import { mkdir, readdir, stat, unlink } from 'node:fs/promises';
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
 * `compromised()` instead of crashing the process.
 *
 * proper-lockfile alone lets two processes that both saw the same stale lock both take it: the
 * second removes the first one's fresh lock (measured: 1 run in 200 of 2–4 racing processes).
 * Its removal goes through {@link guardedFs}: a stale lock is removed only by the process that
 * creates the takeover marker of that lock's generation (its inode and mtime) exclusively, so of
 * all processes that saw one stale lock, exactly one removes it. Callers that move money also
 * keep the journal's claim rule (src/journal/claims.ts).
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
      fs: guardedFs,
      stale: STALE_MS,
      update: UPDATE_MS,
      retries,
      onCompromised: (err) => {
        lost = err;
      },
    });
    await sweepMarkers(file);
    return {
      release: async () => {
        releasing.add(file);
        await release().catch(() => undefined);
        releasing.delete(file);
      },
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

/** Locks this process is releasing (their removal is ours to make, no takeover rule). */
const releasing = new Set<string>();

const held = () => Object.assign(new Error('Lock file is already being held'), { code: 'ELOCKED' });

/**
 * proper-lockfile's file system with one change: `rmdir` of a lock this process does not hold
 * (a stale lock's takeover) first re-checks that the lock is stale and creates the takeover
 * marker `<lock>.takeover-<inode>-<mtime ms>` exclusively; a process that finds the marker there
 * lost the race to another taker, and reports the lock as held (proper-lockfile then retries).
 */
const guardedFs = {
  ...fs,
  rmdir(target: fs.PathLike, cb: (err: NodeJS.ErrnoException | null) => void) {
    const lock = String(target);
    if (releasing.has(lock)) return fs.rmdir(target, cb);
    fs.stat(lock, (err, st) => {
      if (err) return cb(err);
      if (st.mtimeMs >= Date.now() - STALE_MS) return cb(held());
      const marker = `${lock}.takeover-${st.ino}-${Math.floor(st.mtimeMs)}`;
      fs.open(marker, 'wx', 0o600, (openErr, fd) => {
        if (openErr) return cb(openErr.code === 'EEXIST' ? held() : openErr);
        fs.close(fd, () => fs.rmdir(target, cb));
      });
    });
  },
};

/** Takeover markers outlive every process that could still hold a view of their lock: remove old ones. */
async function sweepMarkers(file: string): Promise<void> {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.takeover-`;
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const p = path.join(dir, name);
    const st = await stat(p).catch(() => undefined);
    if (st && st.mtimeMs < Date.now() - 10 * STALE_MS) await unlink(p).catch(() => undefined);
  }
}

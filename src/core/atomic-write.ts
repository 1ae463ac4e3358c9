import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';

/** Options of {@link writeFileAtomic} and {@link openAtomic}. */
export interface AtomicOptions {
  /** Mode of a newly written file (the umask still applies); default 0o666, as `fs.writeFile`. */
  mode?: number;
}

/** A file being written piecewise under a temp name; readers see the old version until `commit()`. */
export interface AtomicFile {
  /** The temp file beside the target (for code that needs its path, e.g. to hash it). */
  readonly tempPath: string;
  /** Append a piece; short writes are retried until the whole piece is written. */
  write(chunk: string | Uint8Array): Promise<void>;
  /** fsync, close, rename over the target, fsync the directory. */
  commit(): Promise<void>;
  /** Close (if open) and delete the temp file; safe to call after a failed commit or twice. */
  abort(): Promise<void>;
}

/** A hidden temp name beside `file`, so the rename into place stays on one file system. */
export function tempPathFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(4).toString('hex')}.tmp`);
}

/** fsync a directory so a rename into it survives a crash (a no-op where directories cannot be opened). */
export async function syncDir(dir: string): Promise<void> {
  const fh = await fsp.open(dir, 'r').catch(() => undefined);
  if (!fh) return;
  try {
    await fh.sync();
  } catch {
    // Some file systems refuse fsync on a directory; the rename itself is still atomic.
  } finally {
    await fh.close();
  }
}

/** fsync a file written by someone else (e.g. ssh2's fastGet). */
export async function fsyncFile(file: string): Promise<void> {
  const fh = await fsp.open(file, 'r+');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * Put a complete temp file (written by someone else, e.g. ssh2's fastGet) in place:
 * fsync it, rename it over `file`, fsync the directory.
 */
export async function moveIntoPlace(tempFile: string, file: string): Promise<void> {
  await fsyncFile(tempFile);
  await fsp.rename(tempFile, file);
  await syncDir(path.dirname(file));
}

/** Start writing `file` piecewise under a temp name beside it (the directory is created). */
export async function openAtomic(file: string, options: AtomicOptions = {}): Promise<AtomicFile> {
  await fsp.mkdir(path.dirname(file), { recursive: true });
  const tempPath = tempPathFor(file);
  const fh = await fsp.open(tempPath, 'wx', options.mode ?? 0o666);
  let open = true;
  let done = false;
  const close = async () => {
    if (!open) return;
    open = false;
    await fh.close();
  };
  const abort = async () => {
    await close().catch(() => undefined);
    if (!done) await fsp.rm(tempPath, { force: true });
  };
  return {
    tempPath,
    async write(chunk) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      let off = 0;
      while (off < bytes.length) off += (await fh.write(bytes, off, bytes.length - off)).bytesWritten;
    },
    async commit() {
      try {
        await fh.sync();
        await close();
        await fsp.rename(tempPath, file);
        done = true;
      } catch (err) {
        await abort();
        throw err;
      }
      await syncDir(path.dirname(file));
    },
    abort,
  };
}

/**
 * Write a file so a reader never sees it half-written and a crash never loses both
 * versions: temp file beside it, write, fsync, rename, fsync the directory.
 */
export async function writeFileAtomic(
  file: string,
  data: string | Uint8Array,
  options: AtomicOptions = {},
): Promise<void> {
  const f = await openAtomic(file, options);
  try {
    await f.write(data);
  } catch (err) {
    await f.abort();
    throw err;
  }
  await f.commit();
}

import { createHash, randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';

/** A temp file being written: bytes counted and hashed on the way, fsynced on close. */
export interface FileSink {
  path: string;
  write(chunk: Uint8Array): Promise<void>;
  /** fsync and close; the file stays for the caller to rename or remove. */
  close(): Promise<{ bytes: number; sha256: string }>;
  /** Close (if open) and delete: nothing half-written is left behind. */
  discard(): Promise<void>;
}

/** A hidden temp name beside `finalPath`, so the rename into place stays on one file system. */
export function tempPathFor(finalPath: string): string {
  return path.join(
    path.dirname(finalPath),
    `.${path.basename(finalPath)}.${randomBytes(4).toString('hex')}.part`,
  );
}

export async function openSink(file: string): Promise<FileSink> {
  const fh = await fsp.open(file, 'wx', 0o600);
  const hash = createHash('sha256');
  let bytes = 0;
  let open = true;
  return {
    path: file,
    async write(chunk) {
      hash.update(chunk);
      let off = 0;
      while (off < chunk.length) off += (await fh.write(chunk, off, chunk.length - off)).bytesWritten;
      bytes += chunk.length;
    },
    async close() {
      await fh.sync();
      open = false;
      await fh.close();
      return { bytes, sha256: hash.digest('hex') };
    },
    async discard() {
      if (open) {
        open = false;
        await fh.close().catch(() => {});
      }
      await fsp.rm(file, { force: true });
    },
  };
}

/** fsync a file written by someone else (ssh2's fastGet). */
export async function fsyncFile(file: string): Promise<void> {
  const fh = await fsp.open(file, 'r+');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** SHA-256 (hex) of a local file, streamed. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  const fh = await fsp.open(file, 'r');
  try {
    for await (const chunk of fh.createReadStream({ autoClose: false })) hash.update(chunk as Buffer);
  } finally {
    await fh.close();
  }
  return hash.digest('hex');
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

import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { openAtomic } from '../../core/atomic-write.js';

/** A file being written under a temp name, bytes counted and hashed on the way. */
export interface FileSink {
  write(chunk: Uint8Array): Promise<void>;
  /** What has been written so far. */
  digest(): { bytes: number; sha256: string };
  /** fsync and rename into place (see openAtomic). */
  commit(): Promise<void>;
  /** Delete the temp file: nothing half-written is left behind (a no-op after commit). */
  abort(): Promise<void>;
}

/** Start writing `finalPath` (mode 600) under a temp name beside it. */
export async function openSink(finalPath: string): Promise<FileSink> {
  const file = await openAtomic(finalPath, { mode: 0o600 });
  const hash = createHash('sha256');
  let bytes = 0;
  let sha256: string | undefined;
  return {
    async write(chunk) {
      hash.update(chunk);
      await file.write(chunk);
      bytes += chunk.length;
    },
    digest() {
      sha256 ??= hash.digest('hex');
      return { bytes, sha256 };
    },
    commit: file.commit,
    abort: file.abort,
  };
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

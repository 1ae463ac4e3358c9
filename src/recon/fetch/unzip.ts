import { openAsBlob } from 'node:fs';
import { ConfigError, UsageError } from '../../core/errors.js';
import type { FileSink } from './sink.js';

/**
 * Extract the reconciliation CSV from a downloaded zip into `sink`. The entry is
 * the one named `csvName`, else the zip's only `.csv`. The CRC (ZipCrypto) or MAC
 * (AES) is checked, so a wrong password never yields a plausible-looking file.
 * Returns the entry's declared size for the caller to verify.
 */
export async function extractCsv(
  zipFile: string,
  csvName: string,
  password: string | undefined,
  sink: FileSink,
  remote: string,
): Promise<number> {
  const { ZipReader, BlobReader, configure } = await import('@zip.js/zip.js');
  configure({ useWebWorkers: false });
  const reader = new ZipReader(new BlobReader(await openAsBlob(zipFile)));
  try {
    const entries = (await reader.getEntries()).filter((e) => !e.directory);
    const base = (n: string) => n.split('/').pop() ?? n;
    const csvs = entries.filter((e) => e.filename.toLowerCase().endsWith('.csv'));
    const entry =
      entries.find((e) => base(e.filename) === csvName) ?? (csvs.length === 1 ? csvs[0] : undefined);
    if (!entry || entry.directory) {
      throw new UsageError(
        `${remote}: no ${csvName} inside the zip (found: ${entries.map((e) => e.filename).join(', ') || 'nothing'})`,
        {
          code: 'ZIP_NO_ENTRY',
        },
      );
    }
    if (entry.encrypted && !password) {
      throw new ConfigError(`${remote} is password-protected: set sftp.zipPassword in the profile`, {
        code: 'ZIP_PASSWORD_MISSING',
      });
    }
    const writable = new WritableStream<Uint8Array>({ write: (chunk) => sink.write(chunk) });
    try {
      await entry.getData(writable, { password, checkCrc32: true });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (entry.encrypted) {
        // A wrong ZipCrypto password passes the 1-byte header check once in 256 tries and
        // then fails on inflate or CRC: every failure here means the password is wrong.
        throw new UsageError(`${remote}: wrong zip password (sftp.zipPassword): ${message}`, {
          code: 'ZIP_PASSWORD',
        });
      }
      throw new UsageError(`${remote}: corrupt zip: ${message}`, { code: 'ZIP_CORRUPT' });
    }
    return entry.uncompressedSize;
  } finally {
    await reader.close();
  }
}

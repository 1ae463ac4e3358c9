import { openAsBlob } from 'node:fs';
import { ConfigError, ImpError, UsageError } from '../../core/errors.js';
import type { ReconLimits } from '../limits.js';
import type { FileSink } from './sink.js';

/** Below this declared size the compression ratio says nothing (a short file of alike lines). */
const RATIO_FLOOR_BYTES = 1024 * 1024;

/** Bytes extracted so far in one fetch, against `zipTotalBytes`. */
export interface ExtractBudget {
  used: number;
}

/**
 * Extract the reconciliation CSV from a downloaded zip into `sink`. The entry is
 * the one named `csvName`, else the zip's only `.csv`. The CRC (ZipCrypto) or MAC
 * (AES) is checked, so a wrong password never yields a plausible-looking file.
 * Before a byte is written the zip's declared sizes are held against `limits`, and while
 * writing the bytes are counted, so a header that lies is stopped at its declared size.
 * Every refusal is exit 2 naming the remote file. Returns the entry's declared size.
 */
export async function extractCsv(
  zipFile: string,
  csvName: string,
  password: string | undefined,
  sink: FileSink,
  remote: string,
  limits: ReconLimits,
  budget: ExtractBudget,
): Promise<number> {
  const { ZipReader, BlobReader, configure } = await import('@zip.js/zip.js');
  configure({ useWebWorkers: false });
  const reader = new ZipReader(new BlobReader(await openAsBlob(zipFile)));
  try {
    const entries = await readEntries(reader, remote);
    const files = entries.filter((e) => !e.directory);
    const base = (n: string) => n.split('/').pop() ?? n;
    const csvs = files.filter((e) => e.filename.toLowerCase().endsWith('.csv'));
    const entry =
      files.find((e) => base(e.filename) === csvName) ?? (csvs.length === 1 ? csvs[0] : undefined);
    if (!entry) {
      throw new UsageError(
        `${remote}: no ${csvName} inside the zip (found: ${files.map((e) => e.filename).join(', ') || 'nothing'})`,
        { code: 'ZIP_NO_ENTRY' },
      );
    }
    checkSizes(remote, entries, entry, limits, budget);
    if (entry.encrypted && !password) {
      throw new ConfigError(`${remote} is password-protected: set sftp.zipPassword in the profile`, {
        code: 'ZIP_PASSWORD_MISSING',
      });
    }
    const declared = entry.uncompressedSize;
    let written = 0;
    // zip.js reports a failed write as its own error: keep ours to throw it as it is
    let refusal: UsageError | undefined;
    const writable = new WritableStream<Uint8Array>({
      write: (chunk) => {
        written += chunk.length;
        budget.used += chunk.length;
        if (written > declared) {
          refusal = tooBig(
            remote,
            `its entry ${entry.filename} inflates past the ${declared} bytes it declares`,
          );
        } else if (budget.used > limits.zipTotalBytes) {
          refusal = tooBig(
            remote,
            `this fetch extracted more than recon.limits.zipTotalBytes (${limits.zipTotalBytes})`,
          );
        }
        if (refusal) throw refusal;
        return sink.write(chunk);
      },
    });
    try {
      await entry.getData(writable, { password, checkCrc32: true });
    } catch (err) {
      if (refusal) throw refusal;
      if (err instanceof ImpError) throw err;
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
    return declared;
  } finally {
    await reader.close();
  }
}

type Reader = InstanceType<typeof import('@zip.js/zip.js').ZipReader<unknown>>;
type Entry = Awaited<ReturnType<Reader['getEntries']>>[number];

/** The zip's entries; a file that is no zip, or names an entry outside its folder, is exit 2. */
async function readEntries(reader: Reader, remote: string): Promise<Entry[]> {
  let entries: Entry[];
  try {
    entries = await reader.getEntries();
  } catch (err) {
    const e = err as Error & { filename?: string };
    if (e.filename !== undefined) throw unsafe(remote, e.filename);
    throw new UsageError(`${remote}: not a zip file (${e.message})`, { code: 'ZIP_CORRUPT' });
  }
  // zip.js refuses `..` and absolute names itself; this holds whatever its version does
  for (const e of entries) {
    const parts = e.filename.split(/[\\/]/);
    if (/^([\\/]|[A-Za-z]:)/.test(e.filename) || parts.includes('..')) throw unsafe(remote, e.filename);
  }
  return entries;
}

function unsafe(remote: string, filename: string): UsageError {
  return new UsageError(
    `${remote}: the zip holds an entry that would land outside the target folder: ${JSON.stringify(filename)}`,
    { code: 'ZIP_UNSAFE_ENTRY' },
  );
}

function tooBig(remote: string, why: string): UsageError {
  return new UsageError(`${remote}: refused: ${why}`, {
    code: 'ZIP_TOO_BIG',
    hints: [
      'a real reconciliation file fits the defaults; raise recon.limits in the profile only for a file you trust',
    ],
  });
}

function checkSizes(
  remote: string,
  all: Entry[],
  entry: Entry,
  limits: ReconLimits,
  budget: ExtractBudget,
): void {
  const declared = entry.uncompressedSize;
  if (declared > limits.zipEntryBytes) {
    throw tooBig(
      remote,
      `its entry ${entry.filename} declares ${declared} bytes, over recon.limits.zipEntryBytes (${limits.zipEntryBytes})`,
    );
  }
  const total = all.reduce((n, e) => n + e.uncompressedSize, 0);
  if (total > limits.zipTotalBytes || budget.used + declared > limits.zipTotalBytes) {
    throw tooBig(
      remote,
      `its entries declare ${total} bytes in all, over recon.limits.zipTotalBytes (${limits.zipTotalBytes})`,
    );
  }
  const ratio = declared / Math.max(entry.compressedSize, 1);
  if (declared > RATIO_FLOOR_BYTES && ratio > limits.zipRatio) {
    throw tooBig(
      remote,
      `its entry ${entry.filename} inflates ${Math.round(ratio)} to 1, over recon.limits.zipRatio (${limits.zipRatio}): a zip bomb?`,
    );
  }
}

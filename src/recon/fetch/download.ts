import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { moveIntoPlace, tempPathFor } from '../../core/atomic-write.js';
import { UsageError } from '../../core/errors.js';
import type { ReconLimits } from '../limits.js';
import type { RemoteNames } from './names.js';
import { type RemoteEntry, type RemoteSession, remoteJoin, TransientRemoteError } from './remote.js';
import { type FileSink, openSink, sha256File } from './sink.js';
import { type ExtractBudget, extractCsv } from './unzip.js';

/** What happened to one day's file. */
export type FetchStatus = 'saved' | 'updated' | 'skipped' | 'missing';

/** One file of a fetch, as `--json` lists it. */
export interface FetchedFile {
  date: string;
  intraday: boolean;
  status: FetchStatus;
  /** Remote path looked at (the zip when the CSV came inside one). */
  remote: string;
  fromZip: boolean;
  /** Absolute local path of the CSV (absent when missing). */
  path?: string;
  size?: number;
  sha256?: string;
  /** For a missing file: every remote path tried. */
  looked?: string[];
}

/** What one download needs besides the client. */
export interface DownloadJob {
  date: string;
  intraday: boolean;
  names: RemoteNames;
  remoteDir: string;
  outDir: string;
  listing: Map<string, RemoteEntry>;
  zipPassword?: string;
  limits: ReconLimits;
  /** Bytes extracted so far in this fetch (shared by its files). */
  budget: ExtractBudget;
  force: boolean;
  onProgress?: (name: string, done: number, total: number) => void;
}

/**
 * Fetch one day's file: the CSV if the server has it, else the zip of the same
 * stem. Downloads to a temp file, verifies the size, fsyncs, and renames into
 * place; an identical local copy is left alone.
 */
export async function downloadOne(session: RemoteSession, job: DownloadJob): Promise<FetchedFile> {
  const { names, listing } = job;
  const fromZip = !listing.has(names.csv) && listing.has(names.zip);
  const remoteName = fromZip ? names.zip : names.csv;
  const remote = remoteJoin(job.remoteDir, remoteName);
  const base = { date: job.date, intraday: job.intraday, remote, fromZip };
  const entry = listing.get(remoteName);
  if (!entry) {
    const looked = [names.csv, names.zip].map((n) => remoteJoin(job.remoteDir, n));
    return { ...base, status: 'missing', looked };
  }
  const finalPath = path.join(job.outDir, names.csv);
  const local = await fsp.stat(finalPath).catch(() => undefined);
  // FTP listings lack exact times: ask for this file's (MDTM); without one, compare contents
  const mtime = entry.mtime ?? (await session.mtimeOf(remote).catch(() => undefined));
  // Our own saves carry the remote mtime: same mtime (and, for a bare CSV, same size)
  // means this exact version was saved before, so a cron re-run transfers nothing.
  if (
    local &&
    !job.force &&
    mtime !== undefined &&
    Math.floor(local.mtimeMs / 1000) === mtime &&
    (fromZip || local.size === entry.size)
  ) {
    return {
      ...base,
      status: 'skipped',
      path: finalPath,
      size: local.size,
      sha256: await sha256File(finalPath),
    };
  }

  const zipTemp = tempPathFor(path.join(job.outDir, remoteName));
  let csv: FileSink | undefined;
  try {
    try {
      await session.download(remote, zipTemp, (done) => job.onProgress?.(remoteName, done, entry.size));
    } catch (err) {
      throw new TransientRemoteError(`${remote}: transfer failed: ${(err as Error).message}`, { cause: err });
    }
    const got = (await fsp.stat(zipTemp)).size;
    if (got !== entry.size) {
      throw new TransientRemoteError(`${remote}: received ${got} bytes, the server listed ${entry.size}`);
    }
    let result: { bytes: number; sha256: string };
    if (fromZip) {
      csv = await openSink(finalPath);
      const declared = await extractCsv(
        zipTemp,
        names.csv,
        job.zipPassword,
        csv,
        remote,
        job.limits,
        job.budget,
      );
      result = csv.digest();
      if (result.bytes !== declared) {
        throw new UsageError(`${remote}: extracted ${result.bytes} bytes, the zip declares ${declared}`, {
          code: 'ZIP_CORRUPT',
        });
      }
    } else {
      result = { bytes: got, sha256: await sha256File(zipTemp) };
    }
    let status: FetchStatus = local ? 'updated' : 'saved';
    if (
      local &&
      !job.force &&
      local.size === result.bytes &&
      (await sha256File(finalPath)) === result.sha256
    ) {
      status = 'skipped';
    } else if (csv) {
      await csv.commit();
    } else {
      await moveIntoPlace(zipTemp, finalPath);
    }
    if (mtime !== undefined) await fsp.utimes(finalPath, new Date(), new Date(mtime * 1000));
    return { ...base, status, path: finalPath, size: result.bytes, sha256: result.sha256 };
  } finally {
    await csv?.abort();
    await fsp.rm(zipTemp, { force: true });
  }
}

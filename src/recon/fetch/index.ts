import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { ResolvedProfile, SftpSettings } from '../../config/types.js';
import { ConfigError, UnknownOutcomeError, UsageError } from '../../core/errors.js';
import { acquireFileLock } from '../../core/file-lock.js';
import { DEFAULT_RECON_LIMITS, type ReconLimits } from '../limits.js';
import { type HostKeyPolicy, openSftp } from './connect.js';
import { downloadOne, type FetchedFile } from './download.js';
import { pinHostKey } from './host-key.js';
import { leftoverTempPattern, remoteNames } from './names.js';
import {
  insecureTransport,
  type RemoteEntry,
  type RemoteSession,
  remoteJoin,
  TransientRemoteError,
} from './remote.js';

export type { FetchedFile, FetchStatus } from './download.js';
export { fetchDates } from './names.js';

/** Options for {@link fetchReconFiles}. */
export interface FetchOptions {
  /** yyyyMMdd days, from `fetchDates`. */
  dates: string[];
  intraday: boolean;
  /** Absolute directory to save into (`--out`, default `recon.dir`). */
  outDir: string;
  /** Replace local files even when identical. */
  force: boolean;
  /** With no pin, trust the server's key and write it into the config. */
  acceptNewHostKey: boolean;
  /** Waits between connection attempts; its length is the number of retries. */
  retryDelaysMs?: number[];
  readyTimeoutMs?: number;
  onProgress?: (name: string, done: number, total: number) => void;
  /** Remarks for a person (pinned a key, retrying…). */
  onNote?: (line: string) => void;
}

/** What a fetch did. */
export interface FetchReport {
  files: FetchedFile[];
  /** The server's host key fingerprint (SFTP; '' for FTP/FTPS). */
  hostKey: string;
  /** True when this run pinned the host key into the config. */
  pinnedNow: boolean;
  /** Temp files of earlier, killed runs removed at the start. */
  leftovers: string[];
}

/** Connection attempts: the first, then one per delay (about 13 s of patience in all). */
export const DEFAULT_RETRY_DELAYS_MS = [1_000, 3_000, 9_000];

/**
 * Download the reconciliation files for `dates` from the profile's server (SFTP, FTPS or FTP).
 * Connection faults are retried with backoff, then reported as exit 3; a host key,
 * authentication, transport or zip problem stops at once (exit 2). One fetch per folder at a
 * time (a lock file), so the temp files earlier killed runs left can be removed first.
 */
export async function fetchReconFiles(profile: ResolvedProfile, opts: FetchOptions): Promise<FetchReport> {
  const sftp = profile.sftp;
  if (!sftp) {
    throw new ConfigError(`profile ${profile.name} has no "sftp" settings`, {
      code: 'SFTP_NOT_CONFIGURED',
      hints: [
        'add host, username, password (or privateKey), hostKey and zipPassword from the bank under "sftp"',
      ],
    });
  }
  const protocol = sftp.protocol ?? 'sftp';
  const insecure = insecureTransport(protocol, sftp.host, !!sftp.allowInsecure);
  if (insecure) throw new ConfigError(`sftp.protocol: ${insecure}`, { code: 'INSECURE_TRANSPORT' });
  await fsp.mkdir(opts.outDir, { recursive: true });
  const lock = await acquireFileLock(path.join(opts.outDir, '.imp-recon-fetch.lock'));
  if (lock.heldBy) {
    throw new UsageError(`another imp recon fetch is saving into ${opts.outDir}; wait for it to finish`, {
      code: 'RECON_FETCH_BUSY',
    });
  }
  try {
    const leftovers = await removeLeftovers(
      opts.outDir,
      leftoverTempPattern(profile.recon.filePattern, profile.busino),
    );
    if (leftovers.length) opts.onNote?.(`removed ${leftovers.length} temp file(s) of an interrupted fetch`);
    const report = await fetchWithRetries(profile, sftp, opts);
    return Object.assign(report, { leftovers });
  } finally {
    await lock.release();
  }
}

async function fetchWithRetries(
  profile: ResolvedProfile,
  sftp: SftpSettings,
  opts: FetchOptions,
): Promise<Omit<FetchReport, 'leftovers'>> {
  const policy: HostKeyPolicy = {
    pinned: sftp.hostKey,
    acceptNew: opts.acceptNewHostKey,
    profile: profile.name,
    configPath: profile.configPath,
  };
  const limits: ReconLimits = Object.assign({}, DEFAULT_RECON_LIMITS, profile.recon.limits);
  const budget = { used: 0 };
  const delays = opts.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const done = new Map<string, FetchedFile>();
  let hostKey = '';
  let pinnedNow = false;
  for (let attempt = 0; ; attempt++) {
    try {
      const session = await openSession(sftp, policy, opts.readyTimeoutMs ?? 20_000);
      hostKey = session.fingerprint;
      try {
        if (!policy.pinned && (sftp.protocol ?? 'sftp') === 'sftp') {
          // Later attempts of this run must meet the same key.
          policy.pinned = hostKey;
          pinnedNow = await pinHostKey(profile.configPath, profile.name, hostKey).then(
            () => true,
            (err: Error) => {
              opts.onNote?.(`could not pin the host key in ${profile.configPath}: ${err.message}`);
              return false;
            },
          );
          if (pinnedNow) opts.onNote?.(`pinned SFTP host key ${hostKey} in ${profile.configPath}`);
        }
        const listings = new Map<string, Map<string, RemoteEntry>>();
        for (const date of opts.dates) {
          if (done.has(date)) continue;
          const names = remoteNames(profile.recon.filePattern, profile.busino, date, opts.intraday);
          const remoteDir = names.dir ? remoteJoin(sftp.remoteDir, names.dir) : sftp.remoteDir;
          let listing = listings.get(remoteDir);
          if (!listing) {
            listing = await listRemote(session, remoteDir, !!names.dir);
            listings.set(remoteDir, listing);
          }
          const file = await downloadOne(session, {
            date,
            intraday: opts.intraday,
            names,
            remoteDir,
            outDir: opts.outDir,
            listing,
            zipPassword: sftp.zipPassword,
            limits,
            budget,
            force: opts.force,
            onProgress: opts.onProgress,
          });
          done.set(date, file);
        }
      } finally {
        await session.end();
      }
      return { files: opts.dates.map((d) => done.get(d) as FetchedFile), hostKey, pinnedNow };
    } catch (err) {
      if (!(err instanceof TransientRemoteError)) throw err;
      const delay = delays[attempt];
      if (delay === undefined) {
        throw new UnknownOutcomeError(`${err.message} (gave up after ${attempt + 1} attempts)`, {
          code: 'SFTP_UNREACHABLE',
          hints: ['files saved before the fault are complete; run the fetch again later'],
          details: { files: [...done.values()] },
        });
      }
      opts.onNote?.(`${err.message}; retrying in ${Math.round(delay / 100) / 10} s`);
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

async function openSession(
  sftp: SftpSettings,
  policy: HostKeyPolicy,
  timeoutMs: number,
): Promise<RemoteSession> {
  if ((sftp.protocol ?? 'sftp') === 'sftp') return openSftp(sftp, policy, timeoutMs);
  const { openFtp } = await import('./ftp.js');
  return openFtp(sftp, timeoutMs);
}

/**
 * A folder's files. A missing `sftp.remoteDir` is a configuration error; a missing dated
 * folder (this month's, before the bank made it) just holds no file yet.
 */
async function listRemote(
  session: RemoteSession,
  dir: string,
  dated: boolean,
): Promise<Map<string, RemoteEntry>> {
  const listing = await session.list(dir);
  if (listing) return listing;
  if (dated) return new Map();
  throw new ConfigError(`sftp.remoteDir ${dir} does not exist on the server`, { code: 'SFTP_REMOTE_DIR' });
}

/** Remove the temp files killed fetches left (only names this pattern makes: nothing else's). */
async function removeLeftovers(dir: string, pattern: RegExp): Promise<string[]> {
  const names = (await fsp.readdir(dir)).filter((n) => pattern.test(n));
  for (const n of names) await fsp.rm(path.join(dir, n), { force: true });
  return names;
}

import { promises as fsp } from 'node:fs';
import type { ResolvedProfile } from '../../config/types.js';
import { ConfigError, UnknownOutcomeError } from '../../core/errors.js';
import { type HostKeyPolicy, openSftp, TransientSftpError } from './connect.js';
import { downloadOne, type FetchedFile, type RemoteEntry } from './download.js';
import { pinHostKey } from './host-key.js';
import { remoteNames } from './names.js';

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
  /** The server's host key fingerprint. */
  hostKey: string;
  /** True when this run pinned the host key into the config. */
  pinnedNow: boolean;
}

/** Connection attempts: the first, then one per delay (about 13 s of patience in all). */
export const DEFAULT_RETRY_DELAYS_MS = [1_000, 3_000, 9_000];

/**
 * Download the reconciliation files for `dates` from the profile's SFTP server.
 * Connection faults are retried with backoff, then reported as exit 3; a host key,
 * authentication or zip-password problem stops at once (exit 2).
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
  const policy: HostKeyPolicy = {
    pinned: sftp.hostKey,
    acceptNew: opts.acceptNewHostKey,
    profile: profile.name,
    configPath: profile.configPath,
  };
  await fsp.mkdir(opts.outDir, { recursive: true });
  const delays = opts.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const done = new Map<string, FetchedFile>();
  let hostKey = '';
  let pinnedNow = false;
  for (let attempt = 0; ; attempt++) {
    try {
      const session = await openSftp(sftp, policy, opts.readyTimeoutMs ?? 20_000);
      hostKey = session.fingerprint;
      try {
        if (!policy.pinned) {
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
        const listing = await listRemote(session.client, sftp.remoteDir);
        for (const date of opts.dates) {
          if (done.has(date)) continue;
          const file = await downloadOne(session.client, {
            date,
            intraday: opts.intraday,
            names: remoteNames(profile.recon.filePattern, profile.busino, date, opts.intraday),
            remoteDir: sftp.remoteDir,
            outDir: opts.outDir,
            listing,
            zipPassword: sftp.zipPassword,
            force: opts.force,
            onProgress: opts.onProgress,
          });
          done.set(date, file);
        }
      } finally {
        await session.client.end().catch(() => {});
      }
      return { files: opts.dates.map((d) => done.get(d) as FetchedFile), hostKey, pinnedNow };
    } catch (err) {
      if (!(err instanceof TransientSftpError)) throw err;
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

async function listRemote(
  client: import('ssh2-sftp-client'),
  remoteDir: string,
): Promise<Map<string, RemoteEntry>> {
  let entries: Awaited<ReturnType<typeof client.list>>;
  try {
    entries = await client.list(remoteDir);
  } catch (err) {
    const message = (err as Error).message;
    if (/no such|not exist|bad path/i.test(message)) {
      throw new ConfigError(`sftp.remoteDir ${remoteDir} does not exist on the server`, {
        code: 'SFTP_REMOTE_DIR',
      });
    }
    throw new TransientSftpError(`listing ${remoteDir}: ${message}`, { cause: err });
  }
  const map = new Map<string, RemoteEntry>();
  for (const e of entries) {
    if (e.type === '-') map.set(e.name, { size: e.size, mtime: Math.floor(e.modifyTime / 1000) });
  }
  return map;
}

import { isLoopback } from '../../core/loopback.js';

/** A remote directory entry, as far as the fetch cares. */
export interface RemoteEntry {
  size: number;
  /** Seconds since the epoch; absent when the listing does not say (FTP's LIST), see `mtimeOf`. */
  mtime?: number;
}

/** What the fetch needs of a connection, whatever the protocol (SFTP, FTPS, FTP). */
export interface RemoteSession {
  /** The server's identity as checked: SSH host key fingerprint, or '' where TLS checked it. */
  fingerprint: string;
  /** Regular files of a directory by name; undefined when the directory does not exist. */
  list(dir: string): Promise<Map<string, RemoteEntry> | undefined>;
  /** The modification time (seconds) of one file, for listings that lack it. */
  mtimeOf(remote: string): Promise<number>;
  /** Download `remote` to `localPath`, reporting bytes done. */
  download(remote: string, localPath: string, onStep: (done: number) => void): Promise<void>;
  end(): Promise<void>;
}

/** A connection problem worth another attempt (refused, reset, timed out…). */
export class TransientRemoteError extends Error {}

/** `sftp.protocol`: the spec names FTP (2.7.1) and SFTP (2.7.2). */
export const REMOTE_PROTOCOLS = ['sftp', 'ftps', 'ftp'] as const;
export type RemoteProtocol = (typeof REMOTE_PROTOCOLS)[number];

/**
 * The transport rule, the same as for HTTP: a plain-text protocol (FTP sends the password
 * and the files in clear) only to this machine, unless the profile says `allowInsecure`.
 * Returns the reason to refuse, or undefined. (Kept as a pure function of scheme-security,
 * host and flag so that it can merge with the HTTP rule in one place.)
 */
export function insecureTransport(
  protocol: RemoteProtocol,
  host: string,
  allowInsecure: boolean,
): string | undefined {
  if (protocol !== 'ftp' || allowInsecure || isLoopback(host)) return undefined;
  return `plain FTP to ${host} sends the password and the files unencrypted: use protocol "ftps" or "sftp", or set sftp.allowInsecure: true`;
}

/** `dir/name` on the server (POSIX paths whatever the local system). */
export const remoteJoin = (dir: string, name: string): string => `${dir.replace(/\/+$/, '')}/${name}`;

import type { TxnName } from '../catalogue/types.js';
import type { Dialect } from '../protocol/dialect.js';
import type { ReconLimits } from '../recon/limits.js';

/** A key file reference after `env:`/`file:` resolution; paths are absolute. */
export interface KeyRef {
  path: string;
  password?: string;
}

/** A platform public key (or certificate) and the `certid` that names it, for key rotation. */
export interface PlatformKeyRef {
  certid?: string;
  path: string;
}

/** SFTP settings for reconciliation files. */
export interface SftpSettings {
  host: string;
  port: number;
  username: string;
  password?: string;
  /** Absolute path to a private key file for key authentication. */
  privateKey?: string;
  privateKeyPassphrase?: string;
  /** Pinned host key fingerprint, `SHA256:…`. */
  hostKey?: string;
  remoteDir: string;
  zipPassword?: string;
  /** `sftp` (default), `ftps` (explicit TLS) or `ftp` (plain: loopback or allowInsecure only). */
  protocol?: 'sftp' | 'ftps' | 'ftp';
  /** Let plain FTP go to a host other than this machine. */
  allowInsecure?: boolean;
  /** FTPS: absolute path of a PEM CA certificate to trust besides the system's. */
  ca?: string;
}

/** Per-transaction overrides for deployments that differ from the spec (PROTOCOL-NOTES "Contradictions"). */
export interface TxnOverride {
  trtype?: string;
  subcode?: string;
  path?: string;
}

/** `signature`: the profile's dialect, and whether requests carry `certid` and `signMethod=01` (examples 2.6.7.6, 2.6.8.6). */
export interface SignatureSettings extends Dialect {
  sendCertid: boolean;
  /** The certid to send; else the serial number (decimal) of `merchantCert`. */
  certid?: string;
}

/**
 * A profile with every secret reference resolved and every path absolute.
 * Secrets live only here and in memory; never print this object unmasked.
 */
export interface ResolvedProfile {
  name: string;
  /** Absolute path of the config file it came from. */
  configPath: string;
  configDir: string;
  baseUrl: string;
  busino: string;
  subbusino?: string;
  apikey: string;
  merchantKey: KeyRef;
  /** The merchant certificate, when given, for `config doctor` to match against the private key. */
  merchantCert?: string;
  platformKeys: PlatformKeyRef[];
  encryptionKey?: KeyRef;
  notifyUrl?: string;
  returnUrl?: string;
  /** `allowInsecure`: plain http to a host other than this machine is refused unless true. */
  http: { timeoutMs: number; connectTimeoutMs: number; ca?: string; allowInsecure?: boolean };
  sftp?: SftpSettings;
  /** `store`: the PostgreSQL URL that keeps recon history (team mode); defaults to {@link journalUrl}. */
  recon: { dir: string; filePattern?: string; store?: string; limits?: Partial<ReconLimits> };
  overrides: Partial<Record<TxnName, TxnOverride>>;
  /** Where the journal lives (defaults beside the config file). */
  journalDir: string;
  /** `journal.url`: a shared PostgreSQL journal (team mode) instead of the local file. A secret (its password). */
  journalUrl?: string;
  /** The signature dialect; absent means the default (`profileDialect`). */
  signature?: SignatureSettings;
}

import { readFile } from 'node:fs/promises';
import type SftpClient from 'ssh2-sftp-client';
import type { SftpSettings } from '../../config/types.js';
import { ConfigError } from '../../core/errors.js';
import { hostKeyConfigLine, sameFingerprint, sshFingerprint } from './host-key.js';
import { type RemoteEntry, type RemoteSession, TransientRemoteError } from './remote.js';

/** How the connection treats the server's host key. */
export interface HostKeyPolicy {
  /** The pinned `SHA256:` fingerprint, if any. */
  pinned?: string;
  /** With no pin: accept the server's key (the caller then records it). */
  acceptNew: boolean;
  /** Where the pin goes, for the message when there is none. */
  profile: string;
  configPath: string;
}

/**
 * Connect and authenticate (password or private key), checking the host key
 * against the pin before any credential is sent. Host-key and authentication
 * problems are ConfigErrors (exit 2, not retried); the rest are transient.
 */
export async function openSftp(
  settings: SftpSettings,
  policy: HostKeyPolicy,
  readyTimeoutMs: number,
): Promise<RemoteSession> {
  if (!settings.password && !settings.privateKey) {
    throw new ConfigError('sftp: neither sftp.password nor sftp.privateKey is set', { code: 'SFTP_NO_AUTH' });
  }
  const privateKey = settings.privateKey ? await readFile(settings.privateKey) : undefined;
  const { default: Client } = await import('ssh2-sftp-client');
  // The library's default global listeners console.log connection events onto stdout,
  // which would corrupt --json; failures still reach us through the rejected calls.
  const quiet = () => {};
  const client = new Client('imp-recon-fetch', { error: quiet, end: quiet, close: quiet });
  let seen: string | undefined;
  try {
    await client.connect({
      host: settings.host,
      port: settings.port,
      username: settings.username,
      ...(settings.password ? { password: settings.password } : {}),
      ...(privateKey ? { privateKey, passphrase: settings.privateKeyPassphrase } : {}),
      readyTimeout: readyTimeoutMs,
      hostVerifier: (key: Buffer) => {
        seen = sshFingerprint(key);
        return policy.pinned ? sameFingerprint(policy.pinned, seen) : policy.acceptNew;
      },
    });
  } catch (err) {
    await client.end().catch(() => {});
    throw classify(err, settings, policy, seen);
  }
  return sftpSession(client, seen ?? '');
}

function sftpSession(client: SftpClient, fingerprint: string): RemoteSession {
  return {
    fingerprint,
    async list(dir) {
      let entries: Awaited<ReturnType<typeof client.list>>;
      try {
        entries = await client.list(dir);
      } catch (err) {
        const message = (err as Error).message;
        if (/no such|not exist|bad path/i.test(message)) return undefined;
        throw new TransientRemoteError(`listing ${dir}: ${message}`, { cause: err });
      }
      const map = new Map<string, RemoteEntry>();
      for (const e of entries) {
        if (e.type === '-') map.set(e.name, { size: e.size, mtime: Math.floor(e.modifyTime / 1000) });
      }
      return map;
    },
    async mtimeOf(remote) {
      return Math.floor((await client.stat(remote)).modifyTime / 1000);
    },
    async download(remote, localPath, onStep) {
      // fastGet keeps many reads in flight: ~8x a sequential stream even on loopback,
      // far more over the bank's WAN round trips.
      await client.fastGet(remote, localPath, { step: (done) => onStep(done) });
    },
    async end() {
      await client.end().catch(() => {});
    },
  };
}

function classify(err: unknown, s: SftpSettings, policy: HostKeyPolicy, seen: string | undefined): Error {
  const message = err instanceof Error ? err.message : String(err);
  const where = `${s.username}@${s.host}:${s.port}`;
  if (seen && policy.pinned && !sameFingerprint(policy.pinned, seen)) {
    return new ConfigError(
      `sftp ${where}: host key mismatch: the server shows ${seen}, the profile pins ${policy.pinned}`,
      {
        code: 'HOST_KEY_MISMATCH',
        hints: [
          'nothing was sent; this may be a server change or someone in between',
          'confirm the new fingerprint with the bank before changing sftp.hostKey',
        ],
        details: { serverHostKey: seen, pinnedHostKey: policy.pinned },
      },
    );
  }
  if (seen && !policy.pinned && !policy.acceptNew) {
    return new ConfigError(`sftp ${where}: the host key is not pinned; the server shows ${seen}`, {
      code: 'HOST_KEY_UNPINNED',
      hints: [
        `after confirming it with the bank, add to profiles.${policy.profile}.sftp in ${policy.configPath}:`,
        `  ${hostKeyConfigLine(seen)}`,
        'or run again with --accept-new-host-key to pin it on first use',
      ],
      details: { serverHostKey: seen },
    });
  }
  if (/authentication methods failed|authentication failed/i.test(message)) {
    return new ConfigError(
      `sftp ${where}: authentication refused (check sftp.username and sftp.password/privateKey)`,
      {
        code: 'SFTP_AUTH',
      },
    );
  }
  if (/privateKey|passphrase|Cannot parse|Unsupported key/i.test(message)) {
    return new ConfigError(`sftp: cannot use sftp.privateKey: ${message}`, { code: 'SFTP_KEY' });
  }
  return new TransientRemoteError(`sftp ${where}: ${message}`, { cause: err });
}

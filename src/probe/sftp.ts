import type { SftpSettings } from '../config/types.js';
import { msg } from '../core/message.js';
import { sameFingerprint, sshFingerprint } from '../recon/fetch/host-key.js';
import { PROBE_EXIT, type ProbeCheck } from './types.js';

type Ssh2 = typeof import('ssh2');

/** The fingerprint the SSH server shows, or why there is none. No credential is ever sent. */
async function serverHostKey(s: SftpSettings, timeoutMs: number): Promise<{ key?: string; error?: string }> {
  const mod = (await import('ssh2')) as Ssh2 & { default?: Ssh2 };
  const { Client } = mod.default ?? mod;
  return new Promise((resolve) => {
    const client = new Client();
    let key: string | undefined;
    const done = (r: { key?: string; error?: string }) => {
      client.end();
      resolve(r);
    };
    client.on('error', (err: Error) => done(key ? { key } : { error: err.message }));
    client.connect({
      host: s.host,
      port: s.port,
      username: s.username,
      readyTimeout: timeoutMs,
      // refusing the key ends the handshake before authentication: the probe only looks
      hostVerifier: (blob: Buffer) => {
        key = sshFingerprint(blob);
        setImmediate(() => done({ key }));
        return false;
      },
    });
  });
}

/** The SFTP host: reachable, and showing the pinned host key. */
export async function checkSftp(s: SftpSettings, timeoutMs: number): Promise<ProbeCheck> {
  const where = `${s.host}:${s.port}`;
  const seen = await serverHostKey(s, timeoutMs);
  if (!seen.key) {
    return {
      name: 'sftp',
      level: 'problem',
      message: msg('sftp-unreachable', { where, error: seen.error ?? '' }),
      exitCode: PROBE_EXIT.unreachable,
    };
  }
  if (!s.hostKey) {
    return {
      name: 'sftp',
      level: 'warn',
      message: msg('sftp-unpinned', { where, key: seen.key }),
    };
  }
  if (!sameFingerprint(s.hostKey, seen.key)) {
    return {
      name: 'sftp',
      level: 'problem',
      message: msg('sftp-mismatch', { where, key: seen.key, pinned: s.hostKey }),
      exitCode: PROBE_EXIT.disagree,
    };
  }
  return {
    name: 'sftp',
    level: 'ok',
    message: msg('sftp-ok', { where }),
  };
}

import type { SftpSettings } from '../config/types.js';
import { t } from '../output/i18n.js';
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
      message: t(`SFTP ${where} 不可达：${seen.error}`, `SFTP ${where} unreachable: ${seen.error}`),
      exitCode: PROBE_EXIT.unreachable,
    };
  }
  if (!s.hostKey) {
    return {
      name: 'sftp',
      level: 'warn',
      message: t(
        `SFTP ${where} 可达，主机密钥 ${seen.key} 未固定（sftp.hostKey）`,
        `SFTP ${where} reachable; its host key ${seen.key} is not pinned (sftp.hostKey)`,
      ),
    };
  }
  if (!sameFingerprint(s.hostKey, seen.key)) {
    return {
      name: 'sftp',
      level: 'problem',
      message: t(
        `SFTP ${where} 的主机密钥 ${seen.key} 与固定的 ${s.hostKey} 不符`,
        `SFTP ${where} shows host key ${seen.key}, not the pinned ${s.hostKey}`,
      ),
      exitCode: PROBE_EXIT.disagree,
    };
  }
  return {
    name: 'sftp',
    level: 'ok',
    message: t(
      `SFTP ${where} 可达，主机密钥与固定值一致`,
      `SFTP ${where} reachable, host key matches the pin`,
    ),
  };
}

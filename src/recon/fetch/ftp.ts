import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import type { SftpSettings } from '../../config/types.js';
import { ConfigError } from '../../core/errors.js';
import { type RemoteEntry, type RemoteSession, TransientRemoteError } from './remote.js';

/** FTP reply codes that say "this path is not there" (550) rather than a broken connection. */
const NOT_FOUND = 550;

/**
 * Connect and log in over FTP, or FTPS (explicit TLS, `AUTH TLS`, certificate checked against
 * the system's CAs or `sftp.ca`). The transport rule (plain FTP) is checked by the caller.
 * Authentication and certificate problems are ConfigErrors (exit 2); the rest are transient.
 */
export async function openFtp(settings: SftpSettings, timeoutMs: number): Promise<RemoteSession> {
  const where = `${settings.username}@${settings.host}:${settings.port}`;
  const secure = settings.protocol === 'ftps';
  const { Client } = await import('basic-ftp');
  const client = new Client(timeoutMs);
  const ca = settings.ca ? await readFile(settings.ca) : undefined;
  // SNI takes host names only (RFC 6066); the certificate is still checked against an IP
  const tls: import('node:tls').ConnectionOptions = {};
  if (ca) tls.ca = ca;
  if (!isIP(settings.host)) tls.servername = settings.host;
  try {
    await client.access({
      host: settings.host,
      port: settings.port,
      user: settings.username,
      password: settings.password,
      secure,
      secureOptions: tls,
    });
  } catch (err) {
    client.close();
    throw classify(err, where);
  }
  return {
    fingerprint: '',
    async list(dir) {
      let entries: Awaited<ReturnType<typeof client.list>>;
      try {
        entries = await client.list(dir);
      } catch (err) {
        if ((err as { code?: number }).code === NOT_FOUND) return undefined;
        throw new TransientRemoteError(`listing ${dir}: ${(err as Error).message}`, { cause: err });
      }
      const map = new Map<string, RemoteEntry>();
      for (const e of entries) {
        if (!e.isFile) continue;
        const mtime = e.modifiedAt ? Math.floor(e.modifiedAt.getTime() / 1000) : undefined;
        map.set(e.name, mtime === undefined ? { size: e.size } : { size: e.size, mtime });
      }
      return map;
    },
    async mtimeOf(remote) {
      return Math.floor((await client.lastMod(remote)).getTime() / 1000);
    },
    async download(remote, localPath, onStep) {
      client.trackProgress((info) => onStep(info.bytes));
      try {
        await client.downloadTo(localPath, remote);
      } finally {
        client.trackProgress();
      }
    },
    async end() {
      client.close();
    },
  };
}

function classify(err: unknown, where: string): Error {
  const message = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: unknown }).code;
  if (code === 530 || /login|authentication/i.test(message)) {
    return new ConfigError(`ftp ${where}: login refused (check sftp.username and sftp.password)`, {
      code: 'SFTP_AUTH',
    });
  }
  if (/certificate|self.signed|altnames|unable to verify|CERT_/i.test(message)) {
    return new ConfigError(`ftps ${where}: the server's TLS certificate is not trusted: ${message}`, {
      code: 'FTPS_CERT',
      hints: ["set sftp.ca to the bank's CA certificate (PEM) if it uses its own CA"],
    });
  }
  if (typeof code === 'number' && code >= 500) {
    return new ConfigError(`ftp ${where}: the server refused: ${message}`, { code: 'FTP_REFUSED' });
  }
  return new TransientRemoteError(`ftp ${where}: ${message}`, { cause: err });
}

import { lookup } from 'node:dns/promises';
import { readFile } from 'node:fs/promises';
import { connect as netConnect } from 'node:net';
import { type PeerCertificate, connect as tlsConnect } from 'node:tls';
import { t } from '../output/i18n.js';
import { PROBE_EXIT, type ProbeCheck } from './types.js';

/** Where a URL points: host and port (the scheme's default when absent). */
export function endpoint(url: URL): { host: string; port: number; tls: boolean } {
  const tls = url.protocol === 'https:';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return { host, port: url.port ? Number(url.port) : tls ? 443 : 80, tls };
}

const problem = (name: string, zh: string, en: string): ProbeCheck => ({
  name,
  level: 'problem',
  message: t(zh, en),
  exitCode: PROBE_EXIT.unreachable,
});

/** DNS: the host's addresses (an IP literal resolves to itself). */
export async function checkDns(host: string): Promise<ProbeCheck> {
  try {
    const all = await lookup(host, { all: true });
    const list = all.map((a) => a.address).join(', ');
    return { name: 'dns', level: 'ok', message: t(`${host} 解析为 ${list}`, `${host} resolves to ${list}`) };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    return problem('dns', `无法解析 ${host}（${code}）`, `cannot resolve ${host} (${code})`);
  }
}

/** TCP: connect, and the time it took (the latency the platform's answers start from). */
export function checkTcp(host: string, port: number, timeoutMs: number): Promise<ProbeCheck> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = netConnect({ host, port });
    const done = (c: ProbeCheck) => {
      socket.destroy();
      resolve(c);
    };
    socket.setTimeout(timeoutMs, () =>
      done(
        problem(
          'tcp',
          `连接 ${host}:${port} 超时（${timeoutMs} ms）`,
          `no TCP connection to ${host}:${port} in ${timeoutMs} ms`,
        ),
      ),
    );
    socket.once('connect', () => {
      const ms = Date.now() - started;
      done({
        name: 'tcp',
        level: 'ok',
        message: t(`${host}:${port} 可连接，${ms} ms`, `${host}:${port} reachable in ${ms} ms`),
      });
    });
    socket.once('error', (err: NodeJS.ErrnoException) =>
      done(
        problem(
          'tcp',
          `无法连接 ${host}:${port}（${err.code ?? err.message}）`,
          `cannot connect to ${host}:${port} (${err.code ?? err.message})`,
        ),
      ),
    );
  });
}

const DAY = 86_400_000;
/** Fewer days than this before the certificate expires is worth a warning. */
const EXPIRY_WARN_DAYS = 30;

/** TLS: the handshake with certificate checking on (http.ca trusted too), the certificate and its expiry. */
export async function checkTls(
  host: string,
  port: number,
  ca: string | undefined,
  timeoutMs: number,
  now: Date = new Date(),
): Promise<ProbeCheck> {
  const caText = ca ? await readFile(ca, 'utf8').catch(() => ca) : undefined;
  return new Promise((resolve) => {
    const socket = tlsConnect({
      host,
      port,
      servername: /^[\d.]+$|:/.test(host) ? undefined : host,
      ...(caText ? { ca: caText } : {}),
    });
    const done = (c: ProbeCheck) => {
      socket.destroy();
      resolve(c);
    };
    socket.setTimeout(timeoutMs, () =>
      done(problem('tls', `TLS 握手超时`, `TLS handshake timed out after ${timeoutMs} ms`)),
    );
    socket.once('secureConnect', () => {
      const cert: PeerCertificate = socket.getPeerCertificate();
      const days = Math.floor((Date.parse(cert.valid_to) - now.getTime()) / DAY);
      const who = `${cert.subject?.CN ?? '?'} (${cert.issuer?.O ?? cert.issuer?.CN ?? '?'})`;
      if (days < EXPIRY_WARN_DAYS) {
        return done({
          name: 'tls',
          level: 'warn',
          message: t(
            `证书 ${who} 将在 ${days} 天后过期（${cert.valid_to}）`,
            `certificate ${who} expires in ${days} days (${cert.valid_to})`,
          ),
        });
      }
      done({
        name: 'tls',
        level: 'ok',
        message: t(
          `证书 ${who} 可信，${days} 天后过期`,
          `certificate ${who} trusted, expires in ${days} days`,
        ),
      });
    });
    socket.once('error', (err: NodeJS.ErrnoException) =>
      done(
        problem(
          'tls',
          `TLS 失败：${err.code ?? err.message}（银行使用私有 CA 时设置 http.ca）`,
          `TLS failed: ${err.code ?? err.message} (set http.ca if the bank uses a private CA)`,
        ),
      ),
    );
  });
}

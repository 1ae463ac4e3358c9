import { lookup } from 'node:dns/promises';
import { readFile } from 'node:fs/promises';
import { connect as netConnect } from 'node:net';
import { type PeerCertificate, connect as tlsConnect } from 'node:tls';
import { type MessageParams, msg } from '../core/message.js';
import { PROBE_EXIT, type ProbeCheck, type ProbeCode } from './types.js';

/** Where a URL points: host and port (the scheme's default when absent). */
export function endpoint(url: URL): { host: string; port: number; tls: boolean } {
  const tls = url.protocol === 'https:';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return { host, port: url.port ? Number(url.port) : tls ? 443 : 80, tls };
}

const problem = (name: string, code: ProbeCode, params: MessageParams): ProbeCheck => ({
  name,
  level: 'problem',
  message: msg(code, params),
  exitCode: PROBE_EXIT.unreachable,
});

/** DNS: the host's addresses (an IP literal resolves to itself). */
export async function checkDns(host: string): Promise<ProbeCheck> {
  try {
    const all = await lookup(host, { all: true });
    const list = all.map((a) => a.address).join(', ');
    return { name: 'dns', level: 'ok', message: msg('dns-ok', { host, list }) };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    return problem('dns', 'dns-failed', { host, code });
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
    socket.setTimeout(timeoutMs, () => done(problem('tcp', 'tcp-timeout', { host, port, ms: timeoutMs })));
    socket.once('connect', () => {
      const ms = Date.now() - started;
      done({
        name: 'tcp',
        level: 'ok',
        message: msg('tcp-ok', { host, port, ms }),
      });
    });
    socket.once('error', (err: NodeJS.ErrnoException) =>
      done(problem('tcp', 'tcp-failed', { host, port, code: err.code ?? err.message })),
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
    socket.setTimeout(timeoutMs, () => done(problem('tls', 'tls-timeout', { ms: timeoutMs })));
    socket.once('secureConnect', () => {
      const cert: PeerCertificate = socket.getPeerCertificate();
      const days = Math.floor((Date.parse(cert.valid_to) - now.getTime()) / DAY);
      const who = `${cert.subject?.CN ?? '?'} (${cert.issuer?.O ?? cert.issuer?.CN ?? '?'})`;
      if (days < EXPIRY_WARN_DAYS) {
        return done({
          name: 'tls',
          level: 'warn',
          message: msg('tls-expiring', { who, days, validTo: cert.valid_to }),
        });
      }
      done({
        name: 'tls',
        level: 'ok',
        message: msg('tls-ok', { who, days }),
      });
    });
    socket.once('error', (err: NodeJS.ErrnoException) =>
      done(problem('tls', 'tls-failed', { code: err.code ?? err.message })),
    );
  });
}

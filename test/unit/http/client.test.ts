import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Context } from '../../../src/cli/kit/context.js';
import { report } from '../../../src/cli/report.js';
import { BusinessError, NotSentError, UnknownOutcomeError } from '../../../src/core/errors.js';
import { postForm, userAgent } from '../../../src/http/client.js';
import { proxyFor } from '../../../src/http/proxy.js';
import { sink } from '../../helpers/sink.js';

const settings = { timeoutMs: 400, connectTimeoutMs: 400 };
let dir: string;
let server: http.Server;
let base: string;
let hits = 0;
let last: { headers: http.IncomingHttpHeaders; body: string; url?: string } | undefined;
const failFirst = { n: 0 };

function listen(s: net.Server): Promise<number> {
  return new Promise((r) => s.listen(0, '127.0.0.1', () => r((s.address() as net.AddressInfo).port)));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'imp-http-'));
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      hits++;
      last = { headers: req.headers, body, url: req.url };
      if (req.url === '/500') return void res.writeHead(500).end('oops');
      if (req.url === '/404') return void res.writeHead(404).end('nope');
      if (req.url === '/drop') return void req.socket.destroy();
      if (req.url === '/hang') return; // never answers
      if (req.url === '/flaky' && failFirst.n-- > 0) return void res.writeHead(503).end();
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`respcode=00000&echo=${body}`);
    });
  });
  base = `http://127.0.0.1:${await listen(server)}`;
});
afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('postForm', () => {
  it('POSTs the UTF-8 form with a User-Agent naming imp and returns the raw answer', async () => {
    const ans = await postForm({ url: `${base}/ok`, body: 'a=1&b=%E4%B8%AD', http: settings });
    expect(ans.status).toBe(200);
    expect(ans.body.toString()).toBe('respcode=00000&echo=a=1&b=%E4%B8%AD');
    expect(last?.headers['content-type']).toBe('application/x-www-form-urlencoded; charset=UTF-8');
    expect(last?.headers['user-agent']).toMatch(/^imp\/\d+\.\d+\.\d+ \(node \d+/);
    expect(userAgent()).toBe(last?.headers['user-agent']);
  });

  it.each([
    ['/500', 'HTTP 500'],
    ['/drop', 'dropped'],
    ['/hang', 'in time'],
  ])('%s is an unknown outcome (exit 3) carrying ids and hints, sent once', async (path, words) => {
    const before = hits;
    const err = await postForm({
      url: `${base}${path}`,
      body: 'x=1',
      http: settings,
      ids: { orderno: 'o1' },
      unknownHints: ['imp query o1'],
    }).catch((e) => e);
    expect(err).toBeInstanceOf(UnknownOutcomeError);
    expect(err.exitCode).toBe(3);
    expect(err.message).toContain(words);
    expect(err.ids).toEqual({ orderno: 'o1' });
    expect(err.hints).toEqual(['imp query o1']);
    expect(hits - before).toBe(path === '/hang' ? 1 : 1);
  });

  it("keeps got's error as the cause: its code and timings (a 5xx: got's HTTPError and response)", async () => {
    const dropped = await postForm({ url: `${base}/drop`, body: '', http: settings }).catch((e) => e);
    expect(dropped.cause.code).toBe('ECONNRESET');
    expect(dropped.cause.timings.start).toBeGreaterThan(0);
    const failed = await postForm({ url: `${base}/500`, body: '', http: settings }).catch((e) => e);
    expect(failed.cause.name).toBe('HTTPError');
    expect(failed.cause.response.statusCode).toBe(500);
    expect(failed.cause.timings.phases.total).toBeGreaterThanOrEqual(0);
  });

  it('a refused connection never sent anything: exit 7, not an unknown outcome', async () => {
    const s = net.createServer();
    const port = await listen(s);
    await new Promise((r) => s.close(r));
    const err = await postForm({ url: `http://127.0.0.1:${port}/x`, body: '', http: settings }).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(NotSentError);
    expect(err.exitCode).toBe(7);
    expect(err.message).toContain('refused');
    expect(err.message).toContain('nothing was sent; safe to run again');
  });

  it('its words come in both languages: the error printer shows them under --lang zh', async () => {
    const s = net.createServer();
    const port = await listen(s);
    await new Promise((r) => s.close(r));
    const err = await postForm({ url: `http://127.0.0.1:${port}/x`, body: '', http: settings }).catch(
      (e) => e,
    );
    const stderr = sink();
    const streams = { stdout: sink().stream, stderr: stderr.stream };
    const context = { lang: 'zh', global: { json: false, debug: false } } as unknown as Context;
    expect(report(err, context, [], streams)).toBe(7);
    expect(stderr.text()).toBe(
      `错误: 无法连接支付平台（127.0.0.1:${port} 拒绝连接）；请求没有发出，可以放心重试\n`,
    );
  });

  it('a name that does not resolve never sent anything either (exit 7)', async () => {
    const err = await postForm({ url: 'http://imp-no-such-host.invalid/x', body: '', http: settings }).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(NotSentError);
    expect(err.message).toContain('cannot resolve');
  });

  it('4xx is an error naming the status (exit 1)', async () => {
    const err = await postForm({ url: `${base}/404`, body: '', http: settings }).catch((e) => e);
    expect(err).toBeInstanceOf(BusinessError);
    expect(err.message).toContain('HTTP 404');
    expect(err.details.httpStatus).toBe(404);
  });

  it('retries only when asked', async () => {
    failFirst.n = 1;
    await expect(postForm({ url: `${base}/flaky`, body: '', http: settings })).rejects.toBeInstanceOf(
      UnknownOutcomeError,
    );
    failFirst.n = 2;
    const before = hits;
    const retried: number[] = [];
    const ans = await postForm({
      url: `${base}/flaky`,
      body: '',
      http: settings,
      retries: 3,
      onRetry: (n) => retried.push(n),
    });
    expect(ans.status).toBe(200);
    expect(hits - before).toBe(3);
    expect(retried).toEqual([1, 2]);
  });
});

describe('TLS and proxies', () => {
  let tlsServer: https.Server;
  let tlsPort: number;
  let caFile: string;
  let proxy: http.Server;
  let proxyUrl: string;
  const proxied: string[] = [];

  beforeAll(async () => {
    caFile = join(dir, 'cert.pem');
    const keyFile = join(dir, 'key.pem');
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=bank.test',
      '-addext', 'subjectAltName=DNS:bank.test,IP:127.0.0.1', '-keyout', keyFile, '-out', caFile,
    ], { stdio: 'ignore' }); // biome-ignore format: one argv
    tlsServer = https.createServer(
      { key: await readFile(keyFile), cert: await readFile(caFile) },
      (req, res) => {
        req.resume();
        req.on('end', () => res.end('respcode=00000&via=tls'));
      },
    );
    tlsPort = await listen(tlsServer);
    // A tiny proxy: CONNECT tunnels to the local TLS server (port 443) or the plain server (port 80);
    // absolute-form plain requests are answered by the proxy itself.
    proxy = http.createServer((req, res) => {
      proxied.push(`${req.method} ${req.url}`);
      req.resume();
      req.on('end', () => res.end('respcode=00000&via=proxy'));
    });
    proxy.on('connect', (req, socket) => {
      proxied.push(`CONNECT ${req.url}`);
      const port = req.url?.endsWith(':443') ? tlsPort : Number(new URL(base).port);
      const up = net.connect(port, '127.0.0.1', () => {
        socket.write('HTTP/1.1 200 Connection established\r\n\r\n');
        up.pipe(socket).pipe(up);
      });
      up.on('error', () => socket.destroy());
      socket.on('error', () => up.destroy());
    });
    proxyUrl = `http://127.0.0.1:${await listen(proxy)}`;
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });
  afterAll(() => {
    tlsServer.closeAllConnections();
    tlsServer.close();
    proxy.closeAllConnections();
    proxy.close();
  });

  it('verifies certificates: an untrusted one is refused before sending, a configured CA is trusted', async () => {
    const url = `https://127.0.0.1:${tlsPort}/pos/x`;
    const err = await postForm({ url, body: '', http: settings }).catch((e) => e);
    // the handshake failed before the body could travel: nothing was sent (exit 7)
    expect(err).toBeInstanceOf(NotSentError);
    expect(err.message).toContain('TLS handshake');
    expect(err.hints.join('\n')).toContain('http.ca');
    const ans = await postForm({ url, body: '', http: { ...settings, ca: caFile } });
    expect(ans.body.toString()).toBe('respcode=00000&via=tls');
  });

  it('tunnels HTTPS through HTTPS_PROXY with CONNECT, TLS checked against the bank host', async () => {
    stubProxyEnv({ HTTPS_PROXY: proxyUrl });
    const ans = await postForm({
      url: 'https://bank.test/pos/x',
      body: '',
      http: { ...settings, ca: caFile },
    });
    expect(ans.body.toString()).toBe('respcode=00000&via=tls');
    expect(proxied).toContain('CONNECT bank.test:443');
  });

  it('tunnels plain HTTP through HTTP_PROXY with CONNECT too (hpagent), the request unchanged', async () => {
    stubProxyEnv({ HTTP_PROXY: proxyUrl });
    const ans = await postForm({ url: 'http://bank.test/pos/y', body: 'a=1', http: settings });
    expect(ans.body.toString()).toBe('respcode=00000&echo=a=1');
    expect(last?.url).toBe('/pos/y');
    expect(proxied, JSON.stringify(proxied)).toContain('CONNECT bank.test:80');
  });

  it('never proxies loopback and honours NO_PROXY', () => {
    const env = {
      HTTPS_PROXY: 'http://proxy:3128',
      HTTP_PROXY: 'http://proxy:3128',
      NO_PROXY: '.corp.cn,bank.test:8443',
    };
    stubProxyEnv(env);
    expect(proxyFor(new URL('http://127.0.0.1:8450/pos/'))).toBeUndefined();
    expect(proxyFor(new URL('http://localhost/pos/'))).toBeUndefined();
    expect(proxyFor(new URL('https://a.corp.cn/'))).toBeUndefined();
    expect(proxyFor(new URL('https://bank.test:8443/'))).toBeUndefined();
    expect(proxyFor(new URL('https://bank.test/'))?.host).toBe('proxy:3128');
    stubProxyEnv({ ...env, NO_PROXY: '*' });
    expect(proxyFor(new URL('https://wxtest.jx-bank.com/pos/'))).toBeUndefined();
    stubProxyEnv({});
    expect(proxyFor(new URL('https://wxtest.jx-bank.com/pos/'))).toBeUndefined();
  });
});

/** Set the proxy variables of process.env (where proxy-from-env reads them) to exactly `env`. */
function stubProxyEnv(env: Record<string, string>): void {
  for (const name of ['HTTPS_PROXY', 'HTTP_PROXY', 'ALL_PROXY', 'NO_PROXY']) {
    vi.stubEnv(name, env[name]);
    vi.stubEnv(name.toLowerCase(), undefined);
  }
}

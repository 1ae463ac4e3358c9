import { readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callSandbox, qrOrder, startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

// imp reaches the platform through a real forwarding proxy: the profile names a host that only the
// proxy can reach (it tunnels every CONNECT to the sandbox's loopback port), so an answer at all
// proves the request went through the proxy.
const HOST = 'imp-bank.test';
let t: TestSandbox;
let proxy: http.Server;
let proxyUrl: string;
const tunnels: string[] = [];

beforeAll(async () => {
  proxy = http.createServer((_req, res) => res.writeHead(405).end());
  proxy.on('connect', (req, socket) => {
    tunnels.push(String(req.url));
    const [host, port] = String(req.url).split(':');
    if (host !== HOST) return void socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
    const up = net.connect(Number(port), '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection established\r\n\r\n');
      up.pipe(socket).pipe(up);
    });
    up.on('error', () => socket.destroy());
    socket.on('error', () => up.destroy());
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as net.AddressInfo).port}`;
  t = await startTestSandbox();
  // the profile's baseUrl names HOST instead of 127.0.0.1 (same port and path)
  const config = JSON.parse(await readFile(t.configPath, 'utf8'));
  const viaProxy = new URL(config.profiles.sandbox.baseUrl);
  viaProxy.hostname = HOST;
  config.profiles.sandbox.baseUrl = viaProxy.href;
  // the made-up host is plain http (the sandbox has no TLS): allowed on purpose, as the transport
  // rule (src/core/transport.ts) asks for a host that is not this machine
  config.profiles.sandbox.http = { ...config.profiles.sandbox.http, allowInsecure: true };
  await writeFile(t.configPath, JSON.stringify(config));
});
afterAll(async () => {
  proxy?.closeAllConnections();
  proxy?.close();
  await t?.close();
});

describe('imp through an HTTP proxy (hpagent, proxy-from-env)', () => {
  it('imp query goes through HTTP_PROXY with a CONNECT tunnel; NO_PROXY for the host goes direct and fails', async () => {
    const order = qrOrder(1001);
    expect((await callSandbox(t.sandbox, 'qrcode', order)).fields.respcode).toBe('00000');
    const q = await t.runCli(['--json', 'query', order.orderno], { env: { HTTP_PROXY: proxyUrl } });
    expect(q.code, q.stderr).toBe(0);
    expect(JSON.parse(q.stdout)).toMatchObject({ state: 'success', response: { orderno: order.orderno } });
    expect(tunnels).toContain(`${HOST}:${new URL(t.baseUrl).port}`);

    const direct = await t.runCli(['--json', 'query', order.orderno], {
      env: { HTTP_PROXY: proxyUrl, NO_PROXY: `.bank.test,${HOST}` },
    });
    // a name that does not resolve: nothing was sent (exit 7)
    expect(direct.code).toBe(7);
    expect(direct.stdout + direct.stderr).toContain(`cannot resolve ${HOST}`);
  });
});

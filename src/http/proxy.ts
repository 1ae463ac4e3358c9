import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import { extend } from '../core/extend.js';
import { isLoopback } from '../core/loopback.js';

/**
 * The proxy to use for `target`, from `HTTPS_PROXY`/`HTTP_PROXY` (either case)
 * and `NO_PROXY` (comma list of hosts, `.suffix` or `suffix` domains, optional
 * `:port`, `*` for everything), or undefined to connect directly.
 */
export function proxyFor(target: URL, env: NodeJS.ProcessEnv = process.env): URL | undefined {
  // loopback never goes through a proxy (the sandbox, local tests)
  if (isLoopback(target.hostname)) return undefined;
  const raw =
    target.protocol === 'https:'
      ? env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy
      : env.HTTP_PROXY || env.http_proxy;
  if (!raw) return undefined;
  if (bypassed(target, env.NO_PROXY ?? env.no_proxy ?? '')) return undefined;
  try {
    return new URL(raw.includes('://') ? raw : `http://${raw}`);
  } catch {
    return undefined;
  }
}

function bypassed(target: URL, noProxy: string): boolean {
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  for (let rule of noProxy.split(/[\s,]+/).filter(Boolean)) {
    rule = rule.toLowerCase();
    if (rule === '*') return true;
    let rulePort: string | undefined;
    const m = /^(.*):(\d+)$/.exec(rule);
    if (m && !rule.includes('::')) {
      rule = m[1]!;
      rulePort = m[2];
    }
    if (rulePort && rulePort !== port) continue;
    const suffix = rule.replace(/^\*?\./, '');
    if (host === suffix || host.endsWith(`.${suffix}`)) return true;
  }
  return false;
}

function proxyAuth(proxy: URL): string | undefined {
  if (!proxy.username) return undefined;
  const cred = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return `Basic ${Buffer.from(cred).toString('base64')}`;
}

/** Open a CONNECT tunnel through `proxy` to host:port. */
function tunnel(proxy: URL, host: string, port: number, timeoutMs: number): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    const auth = proxyAuth(proxy);
    const target = `${host.includes(':') ? `[${host}]` : host}:${port}`;
    const req = (proxy.protocol === 'https:' ? https : http).request({
      host: proxy.hostname,
      port: proxy.port || (proxy.protocol === 'https:' ? 443 : 80),
      method: 'CONNECT',
      path: target,
      headers: { host: target, ...(auth ? { 'proxy-authorization': auth } : {}) },
      timeout: timeoutMs,
    });
    req.once('connect', (res, socket) => {
      if (res.statusCode === 200) resolve(socket);
      else {
        socket.destroy();
        reject(
          Object.assign(new Error(`proxy refused CONNECT ${target}: HTTP ${res.statusCode}`), {
            code: 'EPROXY',
          }),
        );
      }
    });
    req.once('timeout', () =>
      req.destroy(Object.assign(new Error('proxy connect timeout'), { code: 'ETIMEDOUT' })),
    );
    req.once('error', reject);
    req.end();
  });
}

/**
 * An https.Agent that reaches every host through a CONNECT tunnel, then does
 * TLS itself, so certificate checks (and a custom CA) apply to the bank's
 * server, never to the proxy.
 */
class HttpsOverProxyAgent extends https.Agent {
  constructor(
    private readonly proxy: URL,
    private readonly connectTimeoutMs: number,
    opts: https.AgentOptions,
  ) {
    super(opts);
  }

  override createConnection(
    options: https.RequestOptions,
    callback?: (err: Error | null, socket: Duplex) => void,
  ): Duplex | undefined {
    const host = options.hostname ?? options.host ?? 'localhost';
    tunnel(this.proxy, host, Number(options.port ?? 443), this.connectTimeoutMs).then(
      (socket) => {
        const secure = tls.connect(
          extend(options as tls.ConnectionOptions, { socket, servername: options.servername ?? host }),
        );
        callback?.(null, secure);
      },
      (err: Error) => callback?.(err, undefined as unknown as Duplex),
    );
    return undefined;
  }
}

/** An http.Agent that sends absolute-form request lines to an HTTP proxy. */
class HttpOverProxyAgent extends http.Agent {
  constructor(
    private readonly proxy: URL,
    opts: http.AgentOptions,
  ) {
    super(opts);
  }

  addRequest(req: http.ClientRequest, options: http.RequestOptions & { host?: string }): void {
    const host = options.host ?? 'localhost';
    const port = options.port && Number(options.port) !== 80 ? `:${options.port}` : '';
    req.path = `http://${host.includes(':') ? `[${host}]` : host}${port}${req.path}`;
    const auth = proxyAuth(this.proxy);
    if (auth) req.setHeader('proxy-authorization', auth);
    // addRequest is internal to node's Agent (untyped) but stable since 0.x; hpagent overrides it the same way
    const base = http.Agent.prototype as unknown as {
      addRequest(r: http.ClientRequest, o: http.RequestOptions): void;
    };
    base.addRequest.call(
      this,
      req,
      extend(options, { host: this.proxy.hostname, port: Number(this.proxy.port || 80) }),
    );
  }
}

/** Agents for got's `agent` option: keep-alive, through the proxy when one is given. */
export function createAgents(
  proxy: URL | undefined,
  connectTimeoutMs: number,
): { http: http.Agent; https: https.Agent } {
  const opts = { keepAlive: true, maxSockets: 64 };
  if (!proxy) return { http: new http.Agent(opts), https: new https.Agent(opts) };
  return {
    http: new HttpOverProxyAgent(proxy, opts),
    https: new HttpsOverProxyAgent(proxy, connectTimeoutMs, opts),
  };
}

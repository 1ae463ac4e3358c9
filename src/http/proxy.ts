import http from 'node:http';
import https from 'node:https';
import { HttpProxyAgent, HttpsProxyAgent } from 'hpagent';
import { getProxyForUrl } from 'proxy-from-env';
import { isLoopback } from '../core/loopback.js';

/**
 * The proxy to use for `target`, from the process's `HTTPS_PROXY`/`HTTP_PROXY`/`ALL_PROXY` and
 * `NO_PROXY` (either case, the rules of proxy-from-env), or undefined to connect directly.
 * Loopback targets (the sandbox, local tests) never go through a proxy.
 */
export function proxyFor(target: URL): URL | undefined {
  if (isLoopback(target.hostname)) return undefined;
  const raw = getProxyForUrl(target);
  if (!raw) return undefined;
  try {
    return new URL(raw);
  } catch {
    return undefined;
  }
}

/**
 * Agents for got's `agent` option: keep-alive, and through the proxy when one is given. hpagent
 * (the agents got's documentation recommends) opens a CONNECT tunnel for both schemes; for HTTPS
 * the TLS handshake then runs inside the tunnel with the bank's host name, so certificate checks
 * (and a private CA) apply to the bank's server, never to the proxy.
 */
export function createAgents(proxy: URL | undefined): { http: http.Agent; https: https.Agent } {
  const opts = { keepAlive: true, maxSockets: 64 };
  if (!proxy) return { http: new http.Agent(opts), https: new https.Agent(opts) };
  return {
    http: new HttpProxyAgent({ ...opts, proxy }),
    https: new HttpsProxyAgent({ ...opts, proxy }),
  };
}

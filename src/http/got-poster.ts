import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import { rootCertificates } from 'node:tls';
import { ConfigError } from '../core/errors.js';
import type { HttpSettings } from './client.js';
import { installFastNativeOptions } from './got-native-options.js';
import { createAgents, proxyFor } from './proxy.js';

// got, configured once per target: the instance, its agents and trusted CAs (client.ts maps what
// comes back, or fails, to imp's outcomes).

let cachedUa: string | undefined;

/** `imp/<version> (node <version>)`. */
export function userAgent(): string {
  if (!cachedUa) {
    let version = '0.0.0';
    try {
      version = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;
    } catch {
      // a broken install still sends requests; the version is for the bank's logs only
    }
    cachedUa = `imp/${version} (node ${process.versions.node})`;
  }
  return cachedUa;
}

type GotModule = typeof import('got');
/** A got instance called for a stream (got's typings only declare that through got.stream). */
type StreamCall = (url: URL, options: { body: string; isStream: true }) => import('got').Request;
type RequestFunction = import('got').RequestFunction;
/** What a POST needs from got: the instance for these settings and got's error class. */
export interface Poster {
  post(url: URL, body: string): Promise<RawAnswer>;
  RequestError: GotModule['RequestError'];
}
export interface RawAnswer {
  statusCode: number;
  body: Buffer;
  headers: Record<string, string | string[] | undefined>;
}

let gotModule: Promise<GotModule> | undefined;
const agentCache = new Map<string, { http: http.Agent; https: https.Agent }>();
const caCache = new Map<string, Promise<string[]>>();
/** One got instance per (proxy, timeouts, CA): every option is merged once, not per request. */
const posterCache = new Map<string, Promise<Poster>>();

function agentsFor(proxy: URL | undefined, connectTimeoutMs: number) {
  const key = `${proxy?.href ?? 'direct'} ${connectTimeoutMs}`;
  let agents = agentCache.get(key);
  if (!agents) {
    agents = createAgents(proxy, connectTimeoutMs);
    agentCache.set(key, agents);
  }
  return agents;
}

async function trustedCas(ca: string): Promise<string[]> {
  let p = caCache.get(ca);
  if (!p) {
    p = (async () => {
      const pem = ca.includes('-----BEGIN') ? ca : await readFile(ca, 'utf8').catch(() => undefined);
      if (!pem) throw new ConfigError(`http.ca: cannot read ${ca}`, { code: 'CA_UNREADABLE' });
      // Add to the public roots rather than replace them: a private bank CA must not break public ones.
      return [...rootCertificates, pem];
    })();
    caCache.set(ca, p);
    p.catch(() => caCache.delete(ca));
  }
  return p;
}

/**
 * got's `request` function: node's, given only the options that are set. got hands over
 * some forty keys, mostly undefined, and node copies and scans that object again in the
 * request and the agent for every request; the same request, less work per row of a batch.
 */
const compactRequest: RequestFunction = (url, options, callback) => {
  const set: Record<string, unknown> = {};
  for (const key in options) {
    const value = options[key as keyof typeof options];
    if (value !== undefined) set[key] = value;
  }
  return (url.protocol === 'https:' ? https : http).request(url, set, callback);
};

/**
 * The got instance for a target: a batch sends thousands of requests through the same one,
 * so got merges the options, agents and timeouts once (got.extend) and each request carries
 * only its URL and body. No retries (postForm decides), no redirects, no decompression
 * (the platform answers plain text), no cache, HTTP/1.1 keep-alive.
 */
export function posterFor(url: URL, settings: HttpSettings, env: NodeJS.ProcessEnv): Promise<Poster> {
  const proxy = proxyFor(url, env);
  const key = [proxy?.href ?? '', settings.connectTimeoutMs, settings.timeoutMs, settings.ca ?? ''].join(
    '\n',
  );
  let poster = posterCache.get(key);
  if (!poster) {
    poster = (async (): Promise<Poster> => {
      gotModule ??= import('got');
      const { default: got, RequestError, Options } = await gotModule;
      installFastNativeOptions(Options);
      const ca = settings.ca ? await trustedCas(settings.ca) : undefined;
      const instance = got.extend({
        method: 'POST',
        request: compactRequest,
        headers: {
          'content-type': 'application/x-www-form-urlencoded; charset=UTF-8',
          'user-agent': userAgent(),
          accept: '*/*',
        },
        throwHttpErrors: false,
        followRedirect: false,
        decompress: false,
        http2: false,
        cache: false,
        retry: { limit: 0 },
        agent: agentsFor(proxy, settings.connectTimeoutMs),
        https: { rejectUnauthorized: true, ...(ca ? { certificateAuthority: ca } : {}) },
        timeout: {
          connect: settings.connectTimeoutMs,
          secureConnect: settings.connectTimeoutMs,
          response: settings.timeoutMs,
          request: settings.connectTimeoutMs + settings.timeoutMs,
        },
      });
      return {
        RequestError,
        // got's stream interface: the same request, options and errors, without the promise
        // layer's per-request wrappers (cancelable promise, retry bookkeeping, body decoding).
        // Called as instance(url, { isStream: true }), which is all got.stream() does, but
        // got.stream builds that object as { ...options, isStream: true }: on Node 20 such an
        // object gets a hidden class of its own (see core/extend.ts), and every got and node
        // function it then passes through runs slower for it (~17 µs a request).
        post: (target, body) =>
          new Promise<RawAnswer>((resolve, reject) => {
            const stream = (instance as unknown as StreamCall)(target, { body, isStream: true });
            const chunks: Buffer[] = [];
            let res: http.IncomingMessage | undefined;
            stream.once('response', (r: http.IncomingMessage) => {
              res = r;
            });
            stream.on('data', (chunk: Buffer) => chunks.push(chunk));
            stream.once('error', reject);
            stream.once('end', () =>
              resolve({
                statusCode: res?.statusCode ?? 0,
                headers: res?.headers ?? {},
                body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks),
              }),
            );
          }),
      };
    })();
    posterCache.set(key, poster);
    poster.catch(() => posterCache.delete(key));
  }
  return poster;
}

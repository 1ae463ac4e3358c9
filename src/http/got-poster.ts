import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type http from 'node:http';
import type https from 'node:https';
import { rootCertificates } from 'node:tls';
import type { Got, RequestError } from 'got';
import { ConfigError } from '../core/errors.js';
import type { HttpSettings } from './client.js';
import { paced } from './pace.js';
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

/** How often to try again after a 5xx or a connection error (only ever non-zero for queries). */
export interface RetryPlan {
  limit: number;
  /** Called before each retry with got's error (an HTTPError for a 5xx). */
  onRetry?: (attempt: number, error: RequestError) => void;
}

/** What a POST needs from got: the instance for these settings and got's error classes. */
export interface Poster {
  post(url: URL, body: string, retry: RetryPlan): Promise<RawAnswer>;
  RequestError: GotModule['RequestError'];
  HTTPError: GotModule['HTTPError'];
}
export interface RawAnswer {
  statusCode: number;
  body: Buffer;
  headers: Record<string, string | string[] | undefined>;
  /** got's timings of the last attempt: from its start to the end of the answer. */
  ms: number;
}

/** Every 5xx: the platform may or may not have acted, and a query may be asked again. */
const RETRY_STATUS = Array.from({ length: 100 }, (_, i) => 500 + i);

let gotModule: Promise<GotModule> | undefined;
const agentCache = new Map<string, { http: http.Agent; https: https.Agent }>();
const caCache = new Map<string, Promise<string[]>>();
/** One got instance per (proxy, timeouts, CA): a batch's requests share its agents and options. */
const posterCache = new Map<string, Promise<Poster>>();

function agentsFor(proxy: URL | undefined) {
  const key = proxy?.href ?? 'direct';
  let agents = agentCache.get(key);
  if (!agents) {
    agents = createAgents(proxy);
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

async function makeInstance(proxy: URL | undefined, settings: HttpSettings): Promise<Poster> {
  gotModule ??= import('got');
  const { default: got, RequestError, HTTPError } = await gotModule;
  const ca = settings.ca ? await trustedCas(settings.ca) : undefined;
  const instance: Got = got.extend({
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded; charset=UTF-8',
      'user-agent': userAgent(),
      accept: '*/*',
    },
    responseType: 'buffer',
    // a 5xx is an HTTPError, so got's retry sees it; client.ts maps the rest of the statuses
    throwHttpErrors: true,
    followRedirect: false,
    decompress: false,
    http2: false,
    cache: false,
    // got's backoff (1 s, 2 s, … up to 4 s) plus up to 100 ms of random noise (got's maximum), so rows
    // of a batch that failed together do not come back together; the limit is set per request (0 for money)
    retry: { limit: 0, methods: ['POST'], statusCodes: RETRY_STATUS, backoffLimit: 4000, noise: 100 },
    // a batch's --rate: every attempt, retries included, waits for its slot before it is sent
    hooks: {
      beforeRequest: [
        async () => {
          await paced();
        },
      ],
    },
    agent: agentsFor(proxy),
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
    HTTPError,
    async post(url, body, retry) {
      const res = await instance(url, {
        body,
        responseType: 'buffer',
        retry: { limit: retry.limit },
        hooks: retry.onRetry ? { beforeRetry: [(error, count) => retry.onRetry?.(count, error)] } : undefined,
      });
      return {
        statusCode: res.statusCode,
        headers: res.headers,
        body: res.body,
        ms: res.timings.phases.total ?? 0,
      };
    },
  };
}

/** The got instance for a target (cached per proxy, timeouts and CA). */
export function posterFor(url: URL, settings: HttpSettings): Promise<Poster> {
  const proxy = proxyFor(url);
  const key = [proxy?.href ?? '', settings.connectTimeoutMs, settings.timeoutMs, settings.ca ?? ''].join(
    '\n',
  );
  let poster = posterCache.get(key);
  if (!poster) {
    poster = makeInstance(proxy, settings);
    posterCache.set(key, poster);
    poster.catch(() => posterCache.delete(key));
  }
  return poster;
}

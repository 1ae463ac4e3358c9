import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import { rootCertificates } from 'node:tls';
import { BusinessError, ConfigError, type KnownIds, UnknownOutcomeError } from '../core/errors.js';
import { installFastNativeOptions } from './got-native-options.js';
import { createAgents, proxyFor } from './proxy.js';

/** HTTP settings of a profile (`ResolvedProfile.http`). */
export interface HttpSettings {
  timeoutMs: number;
  connectTimeoutMs: number;
  /** Path of a PEM file (or PEM text) with extra CA certificate(s) to trust. */
  ca?: string;
}

/** One POST of a form. */
export interface PostOptions {
  /** Absolute URL (baseUrl + path). */
  url: string;
  /** The form body, already encoded (application/x-www-form-urlencoded, UTF-8). */
  body: string;
  http: HttpSettings;
  /**
   * Extra attempts after an outcome-unknown failure. Only for read-only
   * transactions (the two queries): anything that moves money is sent once.
   */
  retries?: number;
  /** Identifiers carried by errors so `--json` failures keep them. */
  ids?: KnownIds;
  /** Hints added to outcome-unknown errors (the command that finds out); a function is called only on such an error. */
  unknownHints?: string[] | (() => string[]);
  env?: NodeJS.ProcessEnv;
  /** Language of error messages (default English). */
  lang?: 'zh' | 'en';
  /** Called before each retry (for `--verbose` and spinners). */
  onRetry?: (attempt: number, error: UnknownOutcomeError) => void;
}

/** What came back. */
export interface HttpAnswer {
  status: number;
  body: Buffer;
  headers: Record<string, string | string[] | undefined>;
  /** Milliseconds from sending to the whole answer. */
  ms: number;
}

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
type RequestFunction = import('got').RequestFunction;
/** What a POST needs from got: the instance for these settings and got's error class. */
interface Poster {
  post(url: URL, body: string): Promise<RawAnswer>;
  RequestError: GotModule['RequestError'];
}
interface RawAnswer {
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
function posterFor(url: URL, settings: HttpSettings, env: NodeJS.ProcessEnv): Promise<Poster> {
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
        // layer's per-request wrappers (cancelable promise, retry bookkeeping, body decoding)
        post: (target, body) =>
          new Promise<RawAnswer>((resolve, reject) => {
            const stream = instance.stream(target, { body });
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

const UNKNOWN_CODES = new Set([
  'ETIMEDOUT',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ECONNABORTED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPROXY',
  'ERR_GOT_REQUEST_ERROR',
]);

/** Describe a transport failure in one line. */
function describe(
  err: NodeJS.ErrnoException & { name?: string; event?: string },
  url: string,
  zh: boolean,
): string {
  const where = new URL(url).host;
  if (err.name === 'TimeoutError' || err.code === 'ETIMEDOUT') {
    return zh
      ? `${where} 未在时限内应答（${err.event ?? 'timeout'}）`
      : `no answer from ${where} in time (${err.event ?? 'timeout'})`;
  }
  if (err.code === 'ECONNREFUSED') return zh ? `${where} 拒绝连接` : `connection to ${where} refused`;
  if (err.code === 'ECONNRESET' || err.code === 'EPIPE')
    return zh ? `与 ${where} 的连接在应答前断开` : `connection to ${where} dropped before an answer`;
  if (err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN')
    return zh ? `无法解析 ${where}` : `cannot resolve ${where}`;
  const detail = err.message.split('\n')[0];
  return zh ? `请求 ${where} 失败：${detail}` : `request to ${where} failed: ${detail}`;
}

/**
 * POST a form and return the answer. Timeouts, refused/dropped connections
 * and HTTP 5xx throw {@link UnknownOutcomeError} (exit 3: it may or may not
 * have happened); 4xx throws a BusinessError naming the status; TLS problems
 * throw ConfigError (nothing was sent). Certificates are always verified.
 */
export async function postForm(opts: PostOptions): Promise<HttpAnswer> {
  const attempts = 1 + Math.max(0, opts.retries ?? 0);
  for (let attempt = 1; ; attempt++) {
    try {
      return await postOnce(opts);
    } catch (err) {
      if (!(err instanceof UnknownOutcomeError) || attempt >= attempts) throw err;
      opts.onRetry?.(attempt, err);
      await new Promise((r) => setTimeout(r, 500 * 2 ** (attempt - 1)));
    }
  }
}

/** Parsed targets by URL text: a batch posts thousands of times to the same one (never mutated). */
const parsedUrls = new Map<string, URL>();

function parseUrl(href: string): URL {
  let url = parsedUrls.get(href);
  if (!url) {
    url = new URL(href);
    if (parsedUrls.size >= 64) parsedUrls.clear();
    parsedUrls.set(href, url);
  }
  return url;
}

async function postOnce(opts: PostOptions): Promise<HttpAnswer> {
  const url = parseUrl(opts.url);
  const env = opts.env ?? process.env;
  const zh = opts.lang === 'zh';
  const unknown = (message: string, cause?: unknown, details: Record<string, unknown> = {}) =>
    new UnknownOutcomeError(message, {
      ids: opts.ids,
      hints: typeof opts.unknownHints === 'function' ? opts.unknownHints() : opts.unknownHints,
      cause,
      details,
    });
  const poster = await posterFor(url, opts.http, env);
  const started = Date.now();
  let res: RawAnswer;
  try {
    res = await poster.post(url, opts.body);
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    const e = err as NodeJS.ErrnoException & { name?: string; event?: string };
    const code = e.code ?? '';
    if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|HOSTNAME|ALTNAME/i.test(code)) {
      // TLS refused before any byte of the request left: nothing happened on the platform.
      throw new ConfigError(
        `TLS certificate of ${url.host} not trusted (${code}); set http.ca if the bank uses a private CA`,
        {
          code: 'TLS',
          ids: opts.ids,
          cause: err,
        },
      );
    }
    if (err instanceof poster.RequestError || UNKNOWN_CODES.has(code))
      throw unknown(describe(e, opts.url, zh), err, { cause: code });
    throw err;
  }
  const status = res.statusCode;
  if (status >= 500) {
    throw unknown(zh ? `${url.host} 返回 HTTP ${status}` : `HTTP ${status} from ${url.host}`, undefined, {
      httpStatus: status,
    });
  }
  if (status >= 400 || status < 200 || status >= 300) {
    throw new BusinessError(
      zh
        ? `${url.host}${url.pathname} 返回 HTTP ${status}`
        : `HTTP ${status} from ${url.host}${url.pathname}`,
      {
        code: 'HTTP_STATUS',
        ids: opts.ids,
        details: { httpStatus: status },
        hints: status === 404 ? ['check baseUrl and the overrides.<txn>.path of the profile'] : [],
      },
    );
  }
  return { status, body: res.body, headers: res.headers, ms: Date.now() - started };
}

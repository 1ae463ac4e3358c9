import {
  BusinessError,
  ConfigError,
  type KnownIds,
  NotSentError,
  UnknownOutcomeError,
} from '../core/errors.js';
import { type Message, msg } from '../core/message.js';
import { english, saidHints } from '../output/messages/errors.js';
import { posterFor, type RawAnswer } from './got-poster.js';

export { userAgent } from './got-poster.js';

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
  unknownHints?: (string | Message)[] | (() => (string | Message)[]);
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

/** Failures that happen before a connection exists: no byte of the request can have left. */
const BEFORE_CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
/** got's TimeoutError events of the phases before the request is written (got's `event`). */
const BEFORE_SEND_TIMEOUTS = new Set(['lookup', 'connect', 'secureConnect']);
const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL|HOSTNAME|ALTNAME|EPROTO/i;

/** What got's public error fields say about a failed request (code, event, timings). */
type GotFailure = NodeJS.ErrnoException & {
  name?: string;
  event?: string;
  timings?: { connect?: number; secureConnect?: number; upload?: number };
};

/**
 * Did the request certainly not leave? Connection refused, DNS failure and connect timeouts
 * happen before there is a connection; a TLS handshake failure before the encrypted channel the
 * body would travel in. got's timings confirm no upload finished. Anything else may have been
 * (partly) sent.
 */
export function neverSent(err: GotFailure): boolean {
  if (err.timings?.upload !== undefined) return false;
  const code = err.code ?? '';
  if (err.name === 'TimeoutError') return BEFORE_SEND_TIMEOUTS.has(err.event ?? '');
  if (BEFORE_CONNECT_CODES.has(code)) return true;
  return TLS_CODES.test(code) && err.timings?.secureConnect === undefined;
}

/** A transport failure in one line, as a code (words: src/output/messages/http.ts). */
function describe(err: NodeJS.ErrnoException & { name?: string; event?: string }, url: string): Message {
  const where = new URL(url).host;
  if (err.name === 'TimeoutError' || err.code === 'ETIMEDOUT')
    return msg('http-timeout', { where, event: err.event ?? 'timeout' });
  if (err.code === 'ECONNREFUSED') return msg('http-refused', { where });
  if (err.code === 'ECONNRESET' || err.code === 'EPIPE') return msg('http-dropped', { where });
  if (err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN') return msg('http-unresolved', { where });
  return msg('http-failed', { where, detail: err.message.split('\n')[0] ?? '' });
}

/**
 * POST a form and return the answer. Timeouts, refused/dropped connections
 * and HTTP 5xx throw {@link UnknownOutcomeError} (exit 3: it may or may not
 * have happened); 4xx throws a BusinessError naming the status; failures before the request
 * could leave (refused, DNS, TLS handshake, connect timeout) throw {@link NotSentError} (exit 7).
 * Certificates are always verified. `retries` (queries only) are got's own retry: backoff with
 * jitter, after a 5xx or a connection error. The UnknownOutcomeError's `cause` is got's error
 * (its `code` and `timings` tell how far the request got).
 */
export async function postForm(opts: PostOptions): Promise<HttpAnswer> {
  const url = new URL(opts.url);
  const unknown = (said: Message, cause?: unknown, details: Record<string, unknown> = {}) =>
    new UnknownOutcomeError(english(said), {
      said,
      ids: opts.ids,
      ...saidHints(typeof opts.unknownHints === 'function' ? opts.unknownHints() : (opts.unknownHints ?? [])),
      cause,
      details,
    });
  const poster = await posterFor(url, opts.http);
  const onRetry = opts.onRetry;
  let res: RawAnswer;
  // got's HTTPError for a non-2xx answer: kept as the cause (its response and timings)
  let httpError: unknown;
  try {
    res = await poster.post(url, opts.body, {
      limit: Math.max(0, opts.retries ?? 0),
      onRetry: onRetry && ((n, error) => onRetry(n, unknown(failure(error, url), error))),
    });
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    if (err instanceof poster.HTTPError) {
      httpError = err;
      res = {
        statusCode: err.response.statusCode,
        body: Buffer.alloc(0),
        headers: err.response.headers,
        ms: 0,
      };
    } else {
      const e = err as GotFailure;
      const code = e.code ?? '';
      if (neverSent(e)) {
        const tls = TLS_CODES.test(code);
        const what = tls ? msg('http-tls', { where: url.host, code }) : describe(e, opts.url);
        const said = msg('http-not-sent', { what });
        throw new NotSentError(english(said), {
          said,
          ids: opts.ids,
          cause: err,
          details: { cause: code || e.event },
          hints: tls ? ['set http.ca if the bank uses a private CA'] : [],
        });
      }
      if (err instanceof poster.RequestError || UNKNOWN_CODES.has(code))
        throw unknown(failure(err as Error, url), err, { cause: code });
      throw err;
    }
  }
  const status = res.statusCode;
  if (status >= 500) {
    throw unknown(msg('http-status', { where: url.host, status }), httpError, { httpStatus: status });
  }
  if (status < 200 || status >= 300) {
    const said = msg('http-status', { where: `${url.host}${url.pathname}`, status });
    throw new BusinessError(english(said), {
      said,
      code: 'HTTP_STATUS',
      ids: opts.ids,
      cause: httpError,
      details: { httpStatus: status },
      hints: status === 404 ? ['check baseUrl and the overrides.<txn>.path of the profile'] : [],
    });
  }
  return { status, body: res.body, headers: res.headers, ms: res.ms };
}

/** One line for a failed attempt: a 5xx names its status, anything else its transport failure. */
function failure(err: Error & { response?: { statusCode: number } }, url: URL): Message {
  const status = err.response?.statusCode;
  if (status) return msg('http-status', { where: url.host, status });
  return describe(err, url.href);
}

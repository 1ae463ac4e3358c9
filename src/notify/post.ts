import http from 'node:http';
import https from 'node:https';

/** The only answers the platform understands (PROTOCOL-NOTES). */
export const SUCCESS_REPLY = 'respcode=00000&respmsg=success';
export const FAIL_REPLY = 'respcode=11111&respmsg=fail';

/** What a merchant handler answered. */
export interface HandlerAnswer {
  status: number;
  body: string;
  ms: number;
}

/** Did the handler take the notification: HTTP 200 and exactly the success reply (a final newline allowed)? */
export function acknowledged(answer: HandlerAnswer): boolean {
  return answer.status === 200 && answer.body.replace(/\r?\n$/, '') === SUCCESS_REPLY;
}

/**
 * POST a body as is, with its own content type, to a merchant handler (imp notify send,
 * the listener's forwarding, the sandbox's notifier) or the sandbox's admin endpoints.
 * Unlike the platform client (src/http) this never judges the answer: the status and the
 * text are the result, and a handler that is down is an error with a one-line message.
 * `signal` aborts it (a sandbox closing with deliveries in flight); `headers` are added
 * (the listener's `X-Imp-Verified`).
 */
export function postRaw(
  url: string,
  body: Buffer | string,
  contentType: string,
  timeoutMs: number,
  signal?: AbortSignal,
  headers?: Record<string, string>,
): Promise<HandlerAnswer> {
  const target = new URL(url);
  const lib = target.protocol === 'https:' ? https : target.protocol === 'http:' ? http : undefined;
  if (!lib) return Promise.reject(new Error(`${url}: only http and https URLs`));
  const started = Date.now();
  const data = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      target,
      {
        method: 'POST',
        headers: {
          'content-type': contentType,
          'content-length': data.length,
          'user-agent': 'imp-notify',
          ...headers,
        },
        timeout: timeoutMs,
        ...(signal ? { signal } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            ms: Date.now() - started,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (err: NodeJS.ErrnoException) => {
      const what = err.code === 'ECONNREFUSED' ? 'connection refused' : err.message.split('\n')[0];
      reject(new Error(`${target.host}: ${what}`));
    });
    req.end(data);
  });
}

import { UnknownOutcomeError, UsageError } from '../../core/errors.js';
import { type HandlerAnswer, postRaw } from '../../notify/post.js';

/** The sandbox's origin from `--url` (a base URL like http://127.0.0.1:8450/ or …/pos/). */
export function sandboxOrigin(url: string | undefined): string {
  try {
    const u = new URL(url ?? 'http://127.0.0.1:8450/');
    if (!/^https?:$/.test(u.protocol)) throw new Error('not http');
    return u.origin;
  } catch {
    throw new UsageError(`--url: '${url}' is not an http URL of a sandbox`);
  }
}

/** POST to a `/_sandbox/` endpoint; the sandbox answers JSON. */
export async function callAdmin(
  origin: string,
  endpoint: string,
  body: Record<string, string>,
): Promise<{ status: number; doc: Record<string, unknown> }> {
  let res: HandlerAnswer;
  try {
    res = await postRaw(`${origin}/_sandbox/${endpoint}`, JSON.stringify(body), 'application/json', 30_000);
  } catch (err) {
    throw new UnknownOutcomeError(`no answer from the sandbox: ${(err as Error).message}`, {
      hints: ['is `imp sandbox` running? (--url to point elsewhere)'],
    });
  }
  try {
    return { status: res.status, doc: JSON.parse(res.body) };
  } catch {
    throw new UsageError(`${origin} does not look like an imp sandbox (HTTP ${res.status})`);
  }
}

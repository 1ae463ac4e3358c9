import { UnknownOutcomeError, UsageError } from '../../core/errors.js';

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
  let res: Response;
  try {
    res = await fetch(`${origin}/_sandbox/${endpoint}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (err) {
    const why = (err as Error & { cause?: Error }).cause?.message ?? (err as Error).message;
    throw new UnknownOutcomeError(`no answer from the sandbox at ${origin}: ${why}`, {
      hints: ['is `imp sandbox` running? (--url to point elsewhere)'],
    });
  }
  const text = await res.text();
  try {
    return { status: res.status, doc: JSON.parse(text) };
  } catch {
    throw new UsageError(`${origin} does not look like an imp sandbox (HTTP ${res.status})`);
  }
}

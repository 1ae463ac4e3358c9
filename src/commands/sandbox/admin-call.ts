import { resolve } from 'node:path';
import type { Context } from '../../cli/kit/context.js';
import { DEFAULT_SANDBOX_DATA, readSandboxInfo } from '../../config/sandbox-profile.js';
import { ConfigError, ImpError, UnknownOutcomeError, UsageError } from '../../core/errors.js';
import { type HandlerAnswer, postRaw } from '../../notify/post.js';

/** The sandbox's origin from a base URL like http://127.0.0.1:8450/ or …/pos/; `from` names where it came from. */
export function sandboxOrigin(url: string, from = '--url'): string {
  try {
    const u = new URL(url);
    if (!/^https?:$/.test(u.protocol)) throw new Error('not http');
    return u.origin;
  } catch {
    throw new UsageError(`${from}: '${url}' is not an http URL of a sandbox`);
  }
}

/**
 * Which sandbox `imp sandbox pay|settle` talks to: `--url`; else `--data`'s sandbox.json; else the
 * selected profile's baseUrl (`-c`/`-p`, $IMP_CONFIG, ./imp.config.json…); else ./.imp-sandbox's
 * sandbox.json. Never a fixed port: another sandbox listening there is not the one meant.
 */
export async function sandboxTarget(ctx: Context, opts: { url?: string; data?: string }): Promise<string> {
  if (opts.url) return sandboxOrigin(opts.url);
  const fromData = (dir: string) =>
    sandboxOrigin(readSandboxInfo(resolve(ctx.cwd, dir)).baseUrl, `${dir}/sandbox.json baseUrl`);
  if (opts.data) return fromData(opts.data);
  const explicit = !!(ctx.global.config || ctx.global.profile || ctx.env.IMP_CONFIG || ctx.env.IMP_PROFILE);
  try {
    const { inspectProfile } = await import('../../config/load.js');
    const found = await inspectProfile({
      configPath: ctx.global.config,
      profile: ctx.global.profile,
      env: ctx.env,
      cwd: ctx.cwd,
    });
    const baseUrl = found.profile.baseUrl;
    if (typeof baseUrl === 'string' && baseUrl)
      return sandboxOrigin(baseUrl, `profile "${found.profile.name}" baseUrl`);
    if (explicit) throw new ConfigError(`profile "${found.profile.name}" has no baseUrl`);
  } catch (err) {
    if (explicit || !(err instanceof ImpError && err.code === 'CONFIG_NOT_FOUND')) throw err;
  }
  try {
    return fromData(DEFAULT_SANDBOX_DATA);
  } catch (err) {
    if (!(err instanceof ImpError && err.code === 'SANDBOX_MISSING')) throw err;
    throw new ConfigError('which sandbox? no config file found and no ./.imp-sandbox/sandbox.json', {
      code: 'SANDBOX_MISSING',
      hints: [
        'run it where `imp config init --sandbox` wrote imp.config.json, or pass -c <file> / -p <profile>',
        'or --data <dir> (the sandbox data dir) or --url <base URL>',
      ],
    });
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

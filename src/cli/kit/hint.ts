import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { hintCommand, shellArg } from '../../output/shell.js';
import type { Context } from './context.js';

export { shellArg };

/**
 * `imp` with the global flags a printed command needs to act on the same config and profile when
 * copied and run from any directory: `-c <absolute path>` when the config was chosen by `-c`,
 * `$IMP_CONFIG` or found as `./imp.config.json` (all of which depend on where or how imp was
 * started), and `-p <profile>` when it was chosen by `-p` or `$IMP_PROFILE` (not the default).
 * Every command imp prints for the operator to run starts with this.
 */
export function impPrefix(ctx: Pick<Context, 'global' | 'env' | 'cwd'>): string {
  const parts = ['imp'];
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(ctx.cwd, p));
  const config =
    ctx.global.config ??
    ctx.env.IMP_CONFIG ??
    (existsSync(resolve(ctx.cwd, 'imp.config.json')) ? 'imp.config.json' : undefined);
  if (config) parts.push('-c', shellArg(abs(config)));
  const profile = ctx.global.profile ?? ctx.env.IMP_PROFILE;
  if (profile) parts.push('-p', shellArg(profile));
  return parts.join(' ');
}

/** A command line for the operator: {@link impPrefix} and the arguments, quoted where needed. */
export function impCommand(ctx: Pick<Context, 'global' | 'env' | 'cwd'>, ...args: string[]): string {
  return hintCommand({ imp: impPrefix(ctx) }, ...args);
}

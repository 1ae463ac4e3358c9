import chalk, { Chalk, type ChalkInstance } from 'chalk';
import type { Output } from './output.js';

/** Colour kinds for states: final success, still pending, failed. */
export const Tone = { ok: 'ok', pending: 'pending', failed: 'failed', muted: 'muted' } as const;
export type Tone = (typeof Tone)[keyof typeof Tone];

/** A chalk instance that respects `--json`, `NO_COLOR` and non-TTY stdout. */
export function paint(out: Output): ChalkInstance {
  return new Chalk({ level: out.color ? chalk.level || 1 : 0 });
}

export function toned(out: Output, tone: Tone, text: string): string {
  const c = paint(out);
  switch (tone) {
    case 'ok':
      return c.green(text);
    case 'pending':
      return c.yellow(text);
    case 'failed':
      return c.red(text);
    default:
      return c.dim(text);
  }
}

export function tick(out: Output, ok: boolean): string {
  return ok ? toned(out, 'ok', '✔') : toned(out, 'failed', '✖');
}

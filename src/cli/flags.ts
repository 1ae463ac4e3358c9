import { UsageError } from '../core/errors.js';

/** A `--port`-style flag: a whole number up to 65535 (0 lets the system choose), else a usage error naming it. */
export function parsePort(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d{1,5}$/.test(String(text)) || Number(text) > 65535)
    throw new UsageError(`--${flag}: '${text}' is not a port number`);
  return Number(text);
}

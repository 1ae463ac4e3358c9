import { access, constants, mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../../core/errors.js';

/** A `--port`-style flag: a whole number up to 65535 (0 lets the system choose), else a usage error naming it. */
export function parsePort(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d{1,5}$/.test(String(text)) || Number(text) > 65535)
    throw new UsageError(`--${flag}: '${text}' is not a port number`);
  return Number(text);
}

/**
 * The file an output flag (`--png`, `--form`) names, resolved against `cwd`, its folder made
 * as writeFileAtomic makes it for the other output flags. Whatever would stop the write later
 * is a usage error naming the flag now, before a request leaves.
 */
export async function outputPath(flag: string, cwd: string, file: string): Promise<string> {
  const target = resolve(cwd, file);
  try {
    await mkdir(dirname(target), { recursive: true });
    await access(dirname(target), constants.W_OK);
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new UsageError(`--${flag} ${file}: cannot write there (${why})`);
  }
  if (
    await stat(target).then(
      (s) => s.isDirectory(),
      () => false,
    )
  )
    throw new UsageError(`--${flag} ${file}: is a directory`);
  return target;
}

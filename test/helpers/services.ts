import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/**
 * Real services in tests come from Debian's packages. Where one is absent a test skips with one
 * visible line; under CI (`CI=true`, set by `.ci/run`'s caller) absence is a failure instead, so a
 * missing install step cannot hide behind a green run.
 */

/** The first of `names` found as an executable file on PATH or in `extraDirs`, else null. */
export function findExecutable(names: readonly string[], extraDirs: readonly string[] = []): string | null {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), ...extraDirs].filter(Boolean);
  for (const name of names) {
    const candidates = path.isAbsolute(name) ? [name] : dirs.map((d) => path.join(d, name));
    for (const file of candidates) {
      try {
        accessSync(file, constants.X_OK);
        return file;
      } catch {
        // not here; keep looking
      }
    }
  }
  return null;
}

export const underCi = (): boolean => process.env.CI === 'true' || process.env.CI === '1';

/**
 * Locate a service's program for a test file. Returns its path, or null after printing the one
 * line that says what was skipped and how to enable it. Under CI a missing service throws.
 */
export function requireService(
  service: string,
  names: readonly string[],
  opts: { extraDirs?: readonly string[]; install: string; required?: boolean } = { install: '' },
): string | null {
  const found = findExecutable(names, opts.extraDirs ?? []);
  if (found) return found;
  const line = `${service} not found (${names.join(', ')}): tests that need it are skipped. Install: ${opts.install}`;
  if (underCi() || opts.required) throw new Error(`${line} (CI requires it)`);
  console.warn(`SKIP ${line}`);
  return null;
}

/** PostgreSQL's server programs live outside PATH on Debian. */
export const POSTGRES_DIRS = [
  '/usr/lib/postgresql/17/bin',
  '/usr/lib/postgresql/16/bin',
  '/usr/lib/postgresql/15/bin',
];

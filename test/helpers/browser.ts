import path from 'node:path';
import { findExecutable } from './services.js';

/** The browser names looked up on PATH, in order (Debian, Ubuntu, Google's build). */
export const BROWSER_NAMES = ['chromium', 'chromium-browser', 'google-chrome'] as const;

/** How to get the browser tests to run, printed when they are skipped. */
export const BROWSER_HOWTO =
  'install Chromium (apt-get install chromium) or set CHROMIUM_PATH=/path/to/chrome; IMP_REQUIRE_BROWSER=1 makes its absence a failure';

/**
 * The browser for the browser tests: `CHROMIUM_PATH`, else the first of {@link BROWSER_NAMES} on
 * PATH. Where none is found, returns null after one visible line saying how to enable them; with
 * `IMP_REQUIRE_BROWSER=1` (set by `.ci/run`) a missing browser throws instead.
 */
export function findBrowser(
  env: NodeJS.ProcessEnv = process.env,
  warn: (line: string) => void = console.warn,
): string | null {
  const explicit = env.CHROMIUM_PATH;
  const found = explicit ? findExecutable([explicit]) : findExecutableIn(env.PATH);
  if (found) return found;
  const what = explicit
    ? `CHROMIUM_PATH=${explicit} is not an executable file`
    : `no browser on PATH (${BROWSER_NAMES.join(', ')})`;
  if (env.IMP_REQUIRE_BROWSER === '1') throw new Error(`${what}, and IMP_REQUIRE_BROWSER=1 requires one`);
  warn(`SKIP browser tests: ${what}. To run them: ${BROWSER_HOWTO}`);
  return null;
}

function findExecutableIn(pathVar: string | undefined): string | null {
  for (const name of BROWSER_NAMES) {
    const dirs = (pathVar ?? '').split(path.delimiter).filter(Boolean);
    const found = findExecutable(dirs.map((d) => path.join(d, name)));
    if (found) return found;
  }
  return null;
}

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * End-to-end tests spawn the built CLI: build once if `npm test` has not already. The commands'
 * code cache (src/cli/code-cache.ts) goes to a directory of this run, not the user's ~/.cache.
 */
export default function setup(): () => void {
  if (!existsSync(new URL('../dist/cli-help/entry.cjs', import.meta.url))) {
    execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  }
  const cache = mkdtempSync(path.join(tmpdir(), 'imp-test-code-cache-'));
  process.env.IMP_CACHE_DIR = cache;
  return () => rmSync(cache, { recursive: true, force: true });
}

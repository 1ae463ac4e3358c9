import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROUTES } from '../../src/cli/route.js';
import { runImp } from '../helpers/cli.js';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));

// The build bundles the CLI whole and once per top-level command (src/cli/route.ts); bin/imp.js
// starts a command from its own bundle. Every command's help through bin/imp.js is help.test.ts.
describe("a command's own bundle", () => {
  it('exists for every command of ROUTES', () => {
    for (const name of Object.keys(ROUTES))
      expect(existsSync(`${dist}cli-${name}/entry.cjs`), name).toBe(true);
  });

  it("runs its own command, and fails loudly (exit 10) on another command's line", () => {
    const run = (argv: string[]) =>
      spawnSync(process.execPath, [`${dist}cli-query/entry.cjs`, ...argv], {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', LANG: 'en_US.UTF-8' },
      });
    const own = run(['query', '--help']);
    expect(own.status).toBe(0);
    expect(own.stdout).toContain('Usage: imp query');
    const other = run(['fields', 'close']);
    expect(other.status).toBe(10);
    expect(other.stderr).toContain("commands/fields/fields.js is not in the bundle of 'imp query'");
    expect(other.stdout).toBe('');
  });

  it('bin/imp.js runs a line from its bundle through the code cache; without a cache, from the whole CLI', async () => {
    const cache = mkdtempSync(path.join(tmpdir(), 'imp-bundle-cache-'));
    const off = await runImp(['fields', 'close'], { env: { IMP_CACHE_DIR: cache, IMP_CODE_CACHE: 'off' } });
    expect(off.code).toBe(0);
    expect(readdirSync(cache)).toEqual([]);
    for (const _ of [1, 2]) {
      const on = await runImp(['fields', 'close'], { env: { IMP_CACHE_DIR: cache } });
      expect(on.code).toBe(0);
      expect(on.stdout).toBe(off.stdout);
      expect(readdirSync(cache)).toEqual([expect.stringMatching(/^cli-fields\..*\.v8$/)]);
    }
  });
});

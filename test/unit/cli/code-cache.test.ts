import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const loader = fileURLToPath(new URL('../../../dist/cli/code-cache.js', import.meta.url));
let dir: string;
let cache: string;
let bundle: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'imp-code-cache-'));
  cache = path.join(dir, 'cache');
  mkdirSync(path.join(dir, 'cli-x'));
  bundle = path.join(dir, 'cli-x', 'entry.cjs');
});
afterEach(() => chmodSync(dir, 0o700));

/** Run the bundle as bin/imp.js does, in a process of its own: what it printed, and the cache's use. */
function run(env: NodeJS.ProcessEnv = {}) {
  const script = `import { runBundle } from ${JSON.stringify(loader)}; const use = runBundle(${JSON.stringify(bundle)}); process.on('exit', () => console.log('cache:' + (use ?? 'not run')));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { ...process.env, IMP_CACHE_DIR: cache, ...env },
  });
  expect(r.stderr).toBe('');
  const [printed, use] = r.stdout.trim().split('\n');
  return { printed, use: use?.replace('cache:', '') };
}

// A command's bundle runs with V8's code cache (src/cli/code-cache.ts): compiled once, taken by
// later runs; never the code of another source; never from a directory others can write.
describe('runBundle', () => {
  it('runs a CommonJS bundle; the first run saves its compiled code, the next runs take it', () => {
    writeFileSync(
      bundle,
      "console.log(require('node:path').basename(__filename) + ' ' + typeof module.exports);",
    );
    expect(run()).toEqual({ printed: 'entry.cjs object', use: 'miss' });
    const [file] = readdirSync(cache);
    expect(file).toMatch(/^cli-x\.[0-9a-f]+-v\d+\.\d+\.\d+-\w+\.v8$/);
    expect(statSync(path.join(cache, file as string)).mode & 0o777).toBe(0o600);
    expect(statSync(cache).mode & 0o777).toBe(0o700);
    expect(run()).toEqual({ printed: 'entry.cjs object', use: 'hit' });
  });

  it('a changed bundle of the same length never runs the old code (V8 checks only the length)', () => {
    writeFileSync(bundle, "console.log('old');");
    run();
    expect(run()).toEqual({ printed: 'old', use: 'hit' });
    writeFileSync(bundle, "console.log('new');");
    expect(run()).toEqual({ printed: 'new', use: 'miss' });
    // the old bundle's cache stays (another installed imp may run it) until it is a month old
    expect(readdirSync(cache)).toHaveLength(2);
    const old = readdirSync(cache).map((n) => path.join(cache, n));
    const monthAgo = new Date(Date.now() - 31 * 24 * 3600 * 1000);
    for (const f of old) utimesSync(f, monthAgo, monthAgo);
    writeFileSync(bundle, "console.log('NEW');");
    expect(run()).toEqual({ printed: 'NEW', use: 'miss' });
    expect(readdirSync(cache)).toHaveLength(1);
  });

  it('a damaged cache file is refused by V8 and written again', () => {
    writeFileSync(bundle, "console.log('ok');");
    run();
    const file = path.join(cache, readdirSync(cache)[0] as string);
    writeFileSync(file, Buffer.alloc(4096, 7));
    expect(run()).toEqual({ printed: 'ok', use: 'rejected' });
    expect(run()).toEqual({ printed: 'ok', use: 'hit' });
  });

  it('without a cache (a directory others can write, IMP_CODE_CACHE=off) it runs nothing: the caller starts the whole CLI', () => {
    writeFileSync(bundle, "console.log('ran');");
    mkdirSync(cache);
    chmodSync(cache, 0o777);
    expect(run()).toEqual({ printed: 'cache:not run', use: undefined });
    expect(readdirSync(cache)).toEqual([]);
    chmodSync(cache, 0o700);
    expect(run({ IMP_CODE_CACHE: 'off' })).toEqual({ printed: 'cache:not run', use: undefined });
    expect(readdirSync(cache)).toEqual([]);
    expect(run()).toEqual({ printed: 'ran', use: 'miss' });
  });
});

import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';
import { Script } from 'node:vm';
import * as zlib from 'node:zlib';

/**
 * Runs a command's own bundle (`dist/cli-<name>/entry.cjs`, see src/cli/route.ts) with V8's code
 * cache. Compiling is most of what imp's start costs beyond Node's own: `imp query` compiled
 * about 500 KB of JavaScript (imp, commander, got) on every run. Node 20 has no compile cache for
 * ES modules (`module.enableCompileCache` is Node 22), but `vm.Script` takes and makes V8's
 * cached data; so these bundles are CommonJS, run here as Node runs a CommonJS module, and the
 * code V8 compiled during a run is saved when the process exits, for the next run to skip.
 *
 * The cache is a per-user directory ($IMP_CACHE_DIR, else $XDG_CACHE_HOME/imp, else
 * ~/.cache/imp): V8 accepts cached data by the source's length only, so the file name carries a
 * CRC-32 of the bundle, the Node version and the architecture; a directory another user can
 * write is not used (cached code is code). Without a usable directory, or with
 * IMP_CODE_CACHE=off, the line runs from the whole CLI instead. A failure to write the cache only
 * costs the next run a compile.
 */

/** How a run used the cache: 'hit' (V8 took it), 'miss' (none yet), 'rejected' (V8 refused it). */
export type CacheUse = 'hit' | 'miss' | 'rejected';

/**
 * Run the bundle, or return undefined without running it when there is no cache to use: a
 * bundle compiled afresh on every run would start slower than the whole CLI, whose ES modules
 * compile only what a line loads, so the caller starts that instead.
 */
export function runBundle(file: string, env: NodeJS.ProcessEnv = process.env): CacheUse | undefined {
  const dir = cacheDir(env);
  // zlib.crc32 is Node 20.15 and later: before it, no cache (and the whole CLI runs the line)
  if (!dir || typeof zlib.crc32 !== 'function') return undefined;
  const bytes = readFileSync(file);
  const source = bytes.toString('utf8');
  const cacheFile = cacheFileIn(dir, file, bytes);
  const cachedData = readOrNothing(cacheFile);
  // the bundles have no import(): the build turns it into require() (see scripts/build.mjs)
  const script = new Script(Module.wrap(source), { filename: file, cachedData });
  const use: CacheUse = !cachedData ? 'miss' : script.cachedDataRejected ? 'rejected' : 'hit';
  if (use !== 'hit') {
    // at exit: the cached data then holds every function this run compiled, not just the top level
    process.once('exit', () => saveCache(cacheFile, script));
  }
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  const module = { exports: {} };
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  return use;
}

/** Where this bundle's cached code lives: its name says which bundle, which bytes, which Node. */
function cacheFileIn(dir: string, file: string, bytes: Buffer): string {
  const bundle = path.basename(path.dirname(file));
  const id = `${zlib.crc32(bytes).toString(16)}-${process.version}-${process.arch}`;
  return path.join(dir, `${bundle}.${id}.v8`);
}

/** The cache directory, or undefined when it is off or not safely this user's alone. */
function cacheDir(env: NodeJS.ProcessEnv): string | undefined {
  if (env.IMP_CODE_CACHE === 'off') return undefined;
  const home = env.HOME || homedir();
  const dir = env.IMP_CACHE_DIR || path.join(env.XDG_CACHE_HOME || path.join(home, '.cache'), 'imp');
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = statSync(dir);
    const mine = typeof process.getuid !== 'function' || st.uid === process.getuid();
    return st.isDirectory() && mine && (st.mode & 0o022) === 0 ? dir : undefined;
  } catch {
    return undefined;
  }
}

function readOrNothing(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** A cache file this old, of the same bundle, goes when another is written (so upgrades do not pile up). */
const STALE_MS = 30 * 24 * 3600 * 1000;

/**
 * Write atomically (another imp may read it now) and drop this bundle's stale caches: not every
 * other one, since two installed versions of imp run in turn would then wipe each other's.
 */
function saveCache(cacheFile: string, script: Script): void {
  try {
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
    renameSync(tmp, cacheFile);
    const dir = path.dirname(cacheFile);
    const prefix = `${path.basename(cacheFile).split('.')[0]}.`;
    for (const name of readdirSync(dir)) {
      const other = path.join(dir, name);
      if (name.startsWith(prefix) && other !== cacheFile && Date.now() - statSync(other).mtimeMs > STALE_MS) {
        rmSync(other, { force: true });
      }
    }
  } catch {
    // no cache this time: the next run compiles again
  }
}

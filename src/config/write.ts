import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { writeFileAtomic } from '../core/atomic-write.js';
import { ConfigError, UsageError } from '../core/errors.js';
import { jsonError } from './locate.js';

/** What {@link addProfile} did. */
export interface WriteResult {
  path: string;
  /** The file did not exist before. */
  created: boolean;
  /** The profile became `defaultProfile`. */
  madeDefault: boolean;
  /** An existing profile of that name was replaced (`--force`). */
  replaced: boolean;
}

/**
 * A config file's JSON object, for rewriting it (`doing`: what the message says could not be done).
 * BOM-tolerant; anything but a readable JSON object is a CONFIG_INVALID error.
 */
export function readConfigObject(path: string, doing: string, hints: string[] = []): Record<string, unknown> {
  let data: unknown;
  let text = '';
  try {
    text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
    data = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`config ${path}: ${doing}: ${jsonError(text, err)}`, {
      code: 'CONFIG_INVALID',
      hints,
    });
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ConfigError(`config ${path}: expected a JSON object`, { code: 'CONFIG_INVALID' });
  }
  return data as Record<string, unknown>;
}

/**
 * Write a config file atomically; an existing file keeps its indentation and mode
 * (a new one: two spaces, 644), so a rewrite changes only what was edited.
 */
export async function writeConfigFile(path: string, data: Record<string, unknown>): Promise<void> {
  const old = await readFile(path, 'utf8').catch(() => undefined);
  const indent = (old && /^\uFEFF?\{\r?\n([ \t]+)/.exec(old)?.[1]) || '  ';
  const mode = old === undefined ? 0o644 : (await stat(path)).mode & 0o777;
  await writeFileAtomic(path, `${JSON.stringify(data, null, indent)}\n`, { mode });
}

/**
 * Refuse early (before any secret is stored) when the profile exists and `force` is not given,
 * or when the existing file cannot take a profile.
 */
export function checkCanAdd(path: string, name: string, force = false) {
  const created = !existsSync(path);
  const data = created
    ? {}
    : readConfigObject(path, 'cannot add a profile to it', ['fix the file, or write elsewhere with --out']);
  const profiles = (data.profiles ?? {}) as Record<string, unknown>;
  if (typeof profiles !== 'object' || profiles === null || Array.isArray(profiles)) {
    throw new ConfigError(`config ${path}: "profiles" is not an object`, { code: 'CONFIG_INVALID' });
  }
  const replaced = Object.hasOwn(profiles, name);
  if (replaced && !force) {
    throw new UsageError(`profile "${name}" already exists in ${path}`, {
      code: 'PROFILE_EXISTS',
      hints: ['pass --force to replace it, or choose another --name'],
    });
  }
  return { created, data, profiles, replaced };
}

/**
 * Add a profile to a config file (creating it), keeping everything else in the file.
 * An existing profile of the same name is kept unless `force`. A new file gets the
 * profile as its default. Written atomically (writeFileAtomic), so a crash never
 * leaves half a config.
 */
export async function addProfile(
  path: string,
  name: string,
  profile: Record<string, unknown>,
  options: { force?: boolean; makeDefault?: boolean } = {},
): Promise<WriteResult> {
  const { created, data, profiles, replaced } = checkCanAdd(path, name, options.force);
  const madeDefault = created || options.makeDefault === true || data.defaultProfile === undefined;
  const out: Record<string, unknown> = madeDefault ? { defaultProfile: name, ...data } : { ...data };
  if (madeDefault) out.defaultProfile = name;
  out.profiles = { ...profiles, [name]: profile };
  await writeConfigFile(path, out);
  return { path, created, madeDefault, replaced };
}

/** A path as the config file should hold it: relative to the config's directory unless given absolute. */
export function configRelative(configDir: string, cwd: string, p: string): string {
  if (isAbsolute(p) || p.startsWith('~/')) return p;
  const rel = relative(configDir, resolve(cwd, p));
  return rel || '.';
}

/** Is this value already a reference (`env:NAME`, `file:path`) rather than the secret itself? */
export function isReference(value: string): boolean {
  return value.startsWith('env:') || value.startsWith('file:');
}

/**
 * Keep a secret out of the config: store it in `<configDir>/secrets/<profile>.<what>`
 * (mode 600, in a mode 700 directory) and return the `file:` reference to it.
 */
export async function storeSecret(
  configDir: string,
  profile: string,
  what: string,
  value: string,
): Promise<string> {
  const dir = join(configDir, 'secrets');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // a fresh temp file (mode 600) renamed over: a replaced secret never keeps a looser mode
  await writeFileAtomic(join(dir, `${profile}.${what}`), `${value}\n`, { mode: 0o600 });
  return `file:secrets/${profile}.${what}`;
}

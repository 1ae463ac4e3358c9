import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConfigError } from '../core/errors.js';
import { fileProblem } from './reader.js';
import { CONFIG_FILE_NAME } from './schema.js';

/** Where to look for the config and which profile to pick (README "Configuration"). */
export interface LoadOptions {
  configPath?: string;
  profile?: string;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** Which rule found the config file: `-c`, `$IMP_CONFIG`, `./imp.config.json`, or the XDG location. */
export type ConfigSource = 'flag' | 'env' | 'cwd' | 'xdg';

/** The config file that was found, and how. */
export interface ConfigLocation {
  path: string;
  source: ConfigSource;
}

const INIT_HINT = 'create one with `imp config init` (or `imp config init --sandbox` for a local sandbox)';

/** The per-user config file: `$XDG_CONFIG_HOME/imp/config.json`, else `~/.config/imp/config.json`. */
export function userConfigPath(env: NodeJS.ProcessEnv): string | undefined {
  const base = env.XDG_CONFIG_HOME || (env.HOME ? join(env.HOME, '.config') : undefined);
  return base ? resolve(base, 'imp', 'config.json') : undefined;
}

/** Find the config file: `-c` > `$IMP_CONFIG` > `./imp.config.json` > XDG. An explicit choice that is missing is an error, not a fall-through. */
export function locateConfig(opts: LoadOptions): ConfigLocation {
  const explicit = (path: string, source: ConfigSource, how: string): ConfigLocation => {
    const abs = resolve(opts.cwd, path);
    const problem = fileProblem(abs, abs);
    if (problem)
      throw new ConfigError(`config ${how}: ${problem}`, { code: 'CONFIG_NOT_FOUND', hints: [INIT_HINT] });
    return { path: abs, source };
  };
  if (opts.configPath) return explicit(opts.configPath, 'flag', `(--config ${opts.configPath})`);
  if (opts.env.IMP_CONFIG)
    return explicit(opts.env.IMP_CONFIG, 'env', `($IMP_CONFIG=${opts.env.IMP_CONFIG})`);
  const looked: string[] = ['--config: not given', '$IMP_CONFIG: not set'];
  const cwdFile = resolve(opts.cwd, CONFIG_FILE_NAME);
  if (!fileProblem(cwdFile, cwdFile)) return { path: cwdFile, source: 'cwd' };
  looked.push(`${cwdFile}: not found`);
  const user = userConfigPath(opts.env);
  if (user && !fileProblem(user, user)) return { path: user, source: 'xdg' };
  looked.push(user ? `${user}: not found` : '$XDG_CONFIG_HOME and $HOME: not set');
  throw new ConfigError('no config file found', {
    code: 'CONFIG_NOT_FOUND',
    hints: [...looked.map((l) => `looked at ${l}`), INIT_HINT],
    details: { looked },
  });
}

/** A parsed config file. */
export interface ConfigFile {
  path: string;
  dir: string;
  data: Record<string, unknown>;
  /** Profile names in file order. */
  profiles: string[];
  defaultProfile?: string;
}

/** A JSON.parse failure as one line with line and column, never quoting the file's text. */
export function jsonError(text: string, err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const pos = /position (\d+)/.exec(message);
  // V8 quotes a piece of the text ("…"apikey": s3cret…" is not valid JSON): never echo it, it may hold a secret
  if (!pos) return message.replace(/,\s*(?:\.\.\.)?".*$/s, '');
  const before = text.slice(0, Number(pos[1]));
  const line = before.split('\n').length;
  const col = before.length - before.lastIndexOf('\n');
  return `${message.replace(/ in JSON at position \d+.*$/, '')} at line ${line}, column ${col}`;
}

/** Read and parse a config file; only what makes the file unusable as a whole throws here. */
export function readConfigFile(path: string): ConfigFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`config ${path}: ${(err as Error).message}`, { code: 'CONFIG_UNREADABLE' });
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new ConfigError(`config ${path}: invalid JSON: ${jsonError(text, err)}`, {
      code: 'CONFIG_INVALID',
    });
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ConfigError(`config ${path}: expected a JSON object`, { code: 'CONFIG_INVALID' });
  }
  const obj = data as Record<string, unknown>;
  const profiles = obj.profiles;
  if (typeof profiles !== 'object' || profiles === null || Array.isArray(profiles)) {
    throw new ConfigError(`config ${path}: no "profiles" object`, {
      code: 'CONFIG_INVALID',
      hints: [
        'a config holds { "defaultProfile": "…", "profiles": { "<name>": { … } } }; see config.example.json',
      ],
    });
  }
  const names = Object.keys(profiles).filter((k) => !k.startsWith('//') && !k.startsWith('$'));
  const def = typeof obj.defaultProfile === 'string' ? obj.defaultProfile : undefined;
  return { path, dir: dirname(path), data: obj, profiles: names, ...(def ? { defaultProfile: def } : {}) };
}

/** Which rule picked the profile: `-p`, `$IMP_PROFILE`, `defaultProfile`, or the file's only profile. */
export type ProfileSource = 'flag' | 'env' | 'default' | 'only';

/** Pick the profile: `-p` > `$IMP_PROFILE` > `defaultProfile` > the only one. */
export function selectProfile(file: ConfigFile, opts: LoadOptions): { name: string; source: ProfileSource } {
  const available = file.profiles.length ? file.profiles.join(', ') : '(none)';
  const pick = (name: string, source: ProfileSource, how: string) => {
    if (file.profiles.includes(name)) return { name, source };
    throw new ConfigError(`profile "${name}" ${how} is not in ${file.path}; available: ${available}`, {
      code: 'CONFIG_PROFILE',
      details: { profiles: file.profiles },
    });
  };
  if (opts.profile) return pick(opts.profile, 'flag', '(--profile)');
  if (opts.env.IMP_PROFILE) return pick(opts.env.IMP_PROFILE, 'env', '($IMP_PROFILE)');
  if (file.defaultProfile) return pick(file.defaultProfile, 'default', '(defaultProfile)');
  if (file.profiles.length === 1) return { name: file.profiles[0]!, source: 'only' };
  throw new ConfigError(
    file.profiles.length === 0
      ? `config ${file.path} has no profiles`
      : `no profile chosen: pass --profile, set $IMP_PROFILE or "defaultProfile"; available: ${available}`,
    { code: 'CONFIG_PROFILE', details: { profiles: file.profiles } },
  );
}

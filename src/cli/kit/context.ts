import type { ResolvedProfile } from '../../config/types.js';
import type { Lang } from '../../output/i18n.js';
import { detectLang } from '../../output/i18n.js';
import { Output, type OutputStreams } from '../../output/output.js';

/** The global options every command accepts (README "Global options"). */
export interface GlobalOptions {
  config?: string;
  profile?: string;
  json: boolean;
  /** false under `--no-input`. */
  input: boolean;
  yes: boolean;
  verbose: boolean;
  debug: boolean;
  lang?: string;
}

/** What a command gets besides its own arguments: options, output, and the profile on demand. */
export interface Context {
  readonly global: GlobalOptions;
  readonly lang: Lang;
  readonly out: Output;
  /** May we ask the user? False with `--no-input`, `--json`, or when stdin/stdout is not a terminal. */
  readonly canPrompt: boolean;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** Load, resolve and validate the selected profile (cached; throws ConfigError, exit 2). */
  profile(): Promise<ResolvedProfile>;
}

/** Options for {@link createContext}; tests pass their own streams and environment. */
export interface ContextOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  streams?: OutputStreams & { stdin?: { isTTY?: boolean } };
}

export function createContext(global: GlobalOptions, options: ContextOptions = {}): Context {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const lang = detectLang(global.lang, env);
  const out = new Output({ json: global.json, lang, streams: options.streams });
  const stdinTty = options.streams?.stdin?.isTTY ?? process.stdin.isTTY;
  const canPrompt = global.input && !global.json && !!stdinTty && !!out.streams.stdout.isTTY;
  let cached: Promise<ResolvedProfile> | undefined;
  return {
    global,
    lang,
    out,
    canPrompt,
    env,
    cwd,
    profile() {
      cached ??= import('../../config/load.js').then((m) =>
        m.loadProfile({ configPath: global.config, profile: global.profile, env, cwd }),
      );
      return cached;
    },
  };
}

import { ConfigError } from '../core/errors.js';
import type { ResolvedProfile } from './types.js';

/** Where to look for the config and which profile to pick (README "Configuration"). */
export interface LoadOptions {
  configPath?: string;
  profile?: string;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

// PLACEHOLDER until the config layer lands.
export async function loadProfile(_opts: LoadOptions): Promise<ResolvedProfile> {
  throw new ConfigError('configuration loading not implemented yet');
}

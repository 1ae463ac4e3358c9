import { type Inspection, inspectProfile } from './inspect.js';
import type { LoadOptions } from './locate.js';
import { problemsError } from './problems.js';
import type { ResolvedProfile } from './types.js';

export type { ConfigFile, ConfigLocation, ConfigSource, LoadOptions, ProfileSource } from './locate.js';
export { locateConfig, readConfigFile, selectProfile, userConfigPath } from './locate.js';
export type { Inspection };
export { inspectProfile };

/**
 * Find, read, resolve and validate the selected profile. Every problem is reported at
 * once as one ConfigError (exit 2). Key files are only checked to exist and be readable;
 * the keys layer opens them when needed.
 */
export async function loadProfile(opts: LoadOptions): Promise<ResolvedProfile> {
  const found = await inspectProfile(opts);
  if (found.problems.length) throw problemsError(found.file.path, found.problems);
  return found.profile as ResolvedProfile;
}

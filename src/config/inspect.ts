import type { ConfigFile, ConfigLocation, LoadOptions, ProfileSource } from './locate.js';
import { locateConfig, readConfigFile, selectProfile } from './locate.js';
import type { Problem } from './problems.js';
import { ConfigReader } from './reader.js';
import { type PartialProfile, resolveProfile } from './resolve-profile.js';
import { TOP_KEYS } from './schema.js';

/**
 * A profile resolved as far as it goes, with every problem found: `loadProfile` throws
 * on problems, `config doctor` shows them and checks the rest.
 */
export interface Inspection {
  location: ConfigLocation;
  file: ConfigFile;
  profileSource: ProfileSource;
  profile: PartialProfile;
  problems: Problem[];
  /** JSON path → `env:`/`file:` reference the value came from. */
  refs: Record<string, string>;
  /** JSON path → absolute path of the file a secret was read from. */
  secretFiles: Record<string, string>;
}

/** Locate, parse and resolve; throws only when there is no usable file or profile at all. */
export async function inspectProfile(opts: LoadOptions): Promise<Inspection> {
  const location = locateConfig(opts);
  const file = readConfigFile(location.path);
  const { name, source } = selectProfile(file, opts);
  const reader = new ConfigReader(opts.env, file.dir);
  reader.unknownKeys(file.data, TOP_KEYS, '');
  if (file.data.defaultProfile !== undefined && typeof file.data.defaultProfile !== 'string') {
    reader.add('defaultProfile', 'expected a string');
  } else if (file.defaultProfile && !file.profiles.includes(file.defaultProfile)) {
    reader.add(
      'defaultProfile',
      `"${file.defaultProfile}" is not a profile; available: ${file.profiles.join(', ')}`,
    );
  }
  const raw = (file.data.profiles as Record<string, unknown>)[name];
  const profile = resolveProfile(reader, raw, name, location.path);
  return {
    location,
    file,
    profileSource: source,
    profile,
    problems: reader.problems,
    refs: reader.refs,
    secretFiles: reader.secretFiles,
  };
}

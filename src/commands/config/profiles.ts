import type { CommandRun } from '../../cli/kit/command.js';
import { locateConfig, readConfigFile } from '../../config/load.js';

/**
 * `imp config profiles`: the profile names, one per line. Reads only the file's
 * structure (no references, no key files), so shell completion stays fast and works
 * even when a profile's secrets are not available.
 */
export const run: CommandRun = async (ctx) => {
  const location = locateConfig({ configPath: ctx.global.config, env: ctx.env, cwd: ctx.cwd });
  const file = readConfigFile(location.path);
  return {
    json: { config: file.path, defaultProfile: file.defaultProfile ?? null, profiles: file.profiles },
    render(out) {
      for (const name of file.profiles) out.print(name);
    },
  };
};

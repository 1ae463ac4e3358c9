import type { CommandRun } from '../../cli/kit/command.js';
import { inspectProfile } from '../../config/load.js';
import { profileValues, shownValues } from '../../config/masked.js';
import { problemsError } from '../../config/problems.js';
import { t } from '../../output/i18n.js';
import { renderPairs } from '../../output/table.js';

const SOURCES = {
  flag: t('--config 参数', '--config'),
  env: t('$IMP_CONFIG', '$IMP_CONFIG'),
  cwd: t('当前目录', 'current directory'),
  xdg: t('用户配置目录', 'user config dir'),
} as const;

const PROFILE_SOURCES = {
  flag: t('--profile 参数', '--profile'),
  env: t('$IMP_PROFILE', '$IMP_PROFILE'),
  default: t('defaultProfile', 'defaultProfile'),
  only: t('唯一的配置', 'the only profile'),
} as const;

/** `imp config show`: the resolved profile, every value, secrets masked; key files as paths. */
export const run: CommandRun = async (ctx) => {
  const found = await inspectProfile({
    configPath: ctx.global.config,
    profile: ctx.global.profile,
    env: ctx.env,
    cwd: ctx.cwd,
  });
  if (found.problems.length) throw problemsError(found.file.path, found.problems);
  const rows = shownValues(found);
  return {
    json: {
      ok: true,
      config: found.file.path,
      configSource: found.location.source,
      profile: found.profile.name,
      profileSource: found.profileSource,
      profiles: found.file.profiles,
      values: profileValues(found),
      refs: Object.fromEntries(rows.filter((r) => r.ref).map((r) => [r.key, r.ref])),
    },
    render(out) {
      out.print(
        renderPairs(out, [
          [t('配置文件', 'config file'), `${found.file.path} (${out.t(SOURCES[found.location.source])})`],
          [t('配置', 'profile'), `${found.profile.name} (${out.t(PROFILE_SOURCES[found.profileSource])})`],
          ...rows.map((r) => [r.key, r.ref ? `${r.value}  ← ${r.ref}` : String(r.value)] as const),
        ]),
      );
    },
  };
};

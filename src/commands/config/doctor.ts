import type { CommandRun } from '../../cli/kit/command.js';
import { impCommand } from '../../cli/kit/hint.js';
import { type CheckLevel, runDoctor } from '../../config/doctor.js';
import { ExitCode } from '../../core/exit-codes.js';
import type { Output } from '../../output/output.js';
import { toned } from '../../output/style.js';

/** What an offline doctor cannot know (`--json` notChecked): `imp config probe` asks the platform. */
const NOT_CHECKED = [
  'baseUrl answers',
  'tls',
  'signature dialect',
  'apikey accepted',
  'keys accepted',
  'sftp login',
  'sftp host key',
] as const;

const MARK: Record<CheckLevel, (out: Output) => string> = {
  ok: (out) => toned(out, 'ok', '✔'),
  warn: (out) => toned(out, 'pending', '⚠'),
  error: (out) => toned(out, 'failed', '✖'),
};

/**
 * `imp config doctor`: one line per check, offline; exit 2 when any check fails (warnings allowed).
 * The last line says what it did not check and names `imp config probe`.
 */
export const run: CommandRun = async (ctx) => {
  const { config, checks } = await runDoctor({
    configPath: ctx.global.config,
    profile: ctx.global.profile,
    env: ctx.env,
    cwd: ctx.cwd,
  });
  const ok = checks.every((c) => c.level !== 'error');
  // doctor stays offline: its last line says so, and names the command that goes online
  const probe = impCommand(ctx, 'config', 'probe');
  return {
    exitCode: ok ? ExitCode.ok : ExitCode.usage,
    json: {
      ok,
      ...(config ? { config } : {}),
      checks: checks.map((c) => ({
        name: c.name,
        ok: c.level !== 'error',
        level: c.level,
        message: ctx.out.t(c.message),
      })),
      notChecked: NOT_CHECKED,
      probe,
    },
    render(out) {
      for (const c of checks) out.print(`${MARK[c.level](out)} ${c.name}: ${out.t(c.message)}`);
      const errors = checks.filter((c) => c.level === 'error').length;
      const warnings = checks.filter((c) => c.level === 'warn').length;
      out.note(
        out.t({
          zh: errors
            ? `${errors} 项失败，${warnings} 项警告`
            : `离线检查全部通过${warnings ? `（${warnings} 项警告）` : ''}`,
          en: errors
            ? `${errors} failed, ${warnings} warning${warnings === 1 ? '' : 's'}`
            : `all offline checks passed${warnings ? ` (${warnings} warning${warnings === 1 ? '' : 's'})` : ''}`,
        }),
      );
      // doctor stays offline: say so last, and name the command that goes online
      out.note(
        out.t({
          zh: `未检查（不联网）：baseUrl 是否可达、TLS、签名方言、平台是否接受 apikey 与密钥、SFTP 登录与主机密钥。联网检查：${probe}`,
          en: `not checked (offline): whether baseUrl answers, TLS, the signature dialect, whether the platform accepts the apikey and keys, the SFTP login and host key. Check them online: ${probe}`,
        }),
      );
    },
  };
};

import type { CommandRun } from '../../cli/command.js';
import { type CheckLevel, runDoctor } from '../../config/doctor.js';
import { ExitCode } from '../../core/exit-codes.js';
import type { Output } from '../../output/output.js';
import { toned } from '../../output/style.js';

const MARK: Record<CheckLevel, (out: Output) => string> = {
  ok: (out) => toned(out, 'ok', '✔'),
  warn: (out) => toned(out, 'pending', '⚠'),
  error: (out) => toned(out, 'failed', '✖'),
};

/** `imp config doctor`: one line per check; exit 2 when any check fails (warnings allowed). */
export const run: CommandRun = async (ctx) => {
  const { config, checks } = await runDoctor({
    configPath: ctx.global.config,
    profile: ctx.global.profile,
    env: ctx.env,
    cwd: ctx.cwd,
  });
  const ok = checks.every((c) => c.level !== 'error');
  const g = ctx.global;
  const flag = (f: string, v: string | undefined) =>
    v ? ` ${f} ${/^[\w.:/@%+=-]+$/.test(v) ? v : `'${v}'`}` : '';
  const probe = `imp${flag('-c', g.config)}${flag('-p', g.profile)} config probe`;
  return {
    exitCode: ok ? ExitCode.ok : ExitCode.usage,
    json: {
      ok,
      ...(config ? { config } : {}),
      notChecked: ['reachability', 'tls', 'signature dialect', 'sftp host key'],
      next: probe,
      checks: checks.map((c) => ({
        name: c.name,
        ok: c.level !== 'error',
        level: c.level,
        message: ctx.out.t(c.message),
      })),
    },
    render(out) {
      for (const c of checks) out.print(`${MARK[c.level](out)} ${c.name}: ${out.t(c.message)}`);
      const errors = checks.filter((c) => c.level === 'error').length;
      const warnings = checks.filter((c) => c.level === 'warn').length;
      out.note(
        out.t({
          zh: errors
            ? `${errors} 项失败，${warnings} 项警告`
            : `全部通过${warnings ? `（${warnings} 项警告）` : ''}`,
          en: errors
            ? `${errors} failed, ${warnings} warning${warnings === 1 ? '' : 's'}`
            : `all checks passed${warnings ? ` (${warnings} warning${warnings === 1 ? '' : 's'})` : ''}`,
        }),
      );
      // doctor stays offline: say so last, and name the command that goes online
      out.note(
        out.t({
          zh: `未检查（离线）：平台是否可达、TLS、签名方言、SFTP 主机密钥；请运行 ${probe}`,
          en: `not checked (offline): the platform's reachability, TLS, signature dialect, SFTP host key; run ${probe}`,
        }),
      );
    },
  };
};

import type { CommandRun } from '../../cli/kit/command.js';
import { impCommand } from '../../cli/kit/hint.js';
import { type CheckLevel, runDoctor } from '../../config/doctor.js';
import { ExitCode } from '../../core/exit-codes.js';
import { DOCTOR_SUMMARY, doctorText } from '../../output/messages/doctor.js';
import { textOf } from '../../output/messages/fill.js';
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
        message: ctx.out.t(doctorText(c.message)),
      })),
      notChecked: NOT_CHECKED,
      probe,
    },
    render(out) {
      for (const c of checks) out.print(`${MARK[c.level](out)} ${c.name}: ${out.t(doctorText(c.message))}`);
      const errors = checks.filter((c) => c.level === 'error').length;
      const warnings = checks.filter((c) => c.level === 'warn').length;
      const s = warnings === 1 ? '' : 's';
      const code = errors ? 'failed' : warnings ? 'passed-warnings' : 'passed';
      out.note(out.t(textOf(DOCTOR_SUMMARY, { code, params: { errors, warnings, s } })));
      // doctor stays offline: say so last, and name the command that goes online
      out.note(out.t(textOf(DOCTOR_SUMMARY, { code: 'not-checked', params: { probe } })));
    },
  };
};

import path from 'node:path';
import type { CommandInput, CommandResult, CommandRun } from '../../cli/kit/command.js';
import type { Context } from '../../cli/kit/context.js';
import { ImpError, NotYetError, UsageError } from '../../core/errors.js';
import { ExitCode } from '../../core/exit-codes.js';
import { cstParts } from '../../core/time.js';
import { shown } from '../../output/escape.js';
import { t } from '../../output/i18n.js';
import { toned } from '../../output/style.js';
import { type FetchedFile, fetchDates, fetchReconFiles } from '../../recon/fetch/index.js';
import { progressDisplay } from '../../recon/fetch/progress.js';

const STATUS = {
  saved: t('已保存', 'saved'),
  updated: t('已更新', 'updated'),
  skipped: t('已是最新，跳过', 'already present, skipped'),
  missing: t('服务器上尚无此文件', 'not on the server yet'),
} as const;

/**
 * `imp recon fetch`: download the day's reconciliation file(s) over SFTP, FTPS or FTP (spec 2.7).
 * With `--alert`, an exit 3 or 6 (unreachable, not there yet) is posted to a chat robot, once
 * `--deadline` (Asia/Shanghai) has passed when it is given.
 */
export const run: CommandRun = async (ctx, args) => {
  const { opts } = args;
  const deadline = opts.deadline === undefined ? undefined : hhmm(opts.deadline);
  if (deadline !== undefined && !opts.alert) throw new UsageError('--deadline applies to --alert');
  const alert = opts.alert
    ? (await import('../../recon/alert/target.js')).alertTarget(opts.alert, opts.alertFormat)
    : undefined;
  const late = () => deadline === undefined || cstParts().time.slice(0, 4) >= deadline;
  let result: CommandResult;
  try {
    result = await fetch(ctx, args);
  } catch (err) {
    const code = err instanceof ImpError ? err.exitCode : undefined;
    if (alert && (code === ExitCode.unknown || code === ExitCode.notYet) && late()) {
      const { errorAlert } = await import('../../recon/alert/send.js');
      const { deliverAlert } = await import('./alert.js');
      await deliverAlert(ctx.out, alert, errorAlert('recon fetch', code, (err as Error).message));
    }
    throw err;
  }
  if (alert && result.exitCode === ExitCode.notYet && late()) {
    const { errorAlert } = await import('../../recon/alert/send.js');
    const { deliverAlert } = await import('./alert.js');
    const missing = (result.json as { files: { status: string; remote: string }[] }).files
      .filter((f) => f.status === 'missing')
      .map((f) => f.remote);
    const message = `not on the server yet: ${missing.join(', ')}`;
    await deliverAlert(ctx.out, alert, errorAlert('recon fetch', ExitCode.notYet, message));
  }
  return result;
};

/** `HH:MM` as `HHMM` for comparing with the clock. */
function hhmm(text: string): string {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  if (!m) throw new UsageError(`--deadline ${text}: expected HH:MM (Asia/Shanghai)`);
  return `${m[1]}${m[2]}`;
}

const fetch = async (ctx: Context, { opts }: CommandInput): Promise<CommandResult> => {
  const dates = fetchDates({ date: opts.date, from: opts.from, to: opts.to, intraday: !!opts.intraday });
  const profile = await ctx.profile();
  const outDir = opts.out ? path.resolve(ctx.cwd, opts.out) : profile.recon.dir;
  const progress = await progressDisplay(ctx.out);
  let report: Awaited<ReturnType<typeof fetchReconFiles>>;
  try {
    report = await fetchReconFiles(profile, {
      dates,
      intraday: !!opts.intraday,
      outDir,
      force: !!opts.force,
      acceptNewHostKey: !!opts.acceptNewHostKey,
      onProgress: progress.onProgress,
      onNote: (line) => ctx.out.note(shown(line)),
    });
  } finally {
    progress.stop();
  }
  const missing = report.files.filter((f) => f.status === 'missing');
  const where = `${profile.sftp?.host}:${profile.sftp?.remoteDir}`;
  if (missing.length === report.files.length) {
    const names = missing.map((f) => (f.looked ?? [f.remote]).join(' or ')).join('; ');
    throw new NotYetError(`not on the SFTP server ${profile.sftp?.host} yet: ${names}`, {
      code: 'RECON_NOT_YET',
      hints: [
        'the bank publishes the end-of-day file after its day ends (Asia/Shanghai); try again later',
        `looked in ${where} (file names from recon.filePattern or the spec's DZ_<busino>_<date>.csv)`,
      ],
      details: { files: report.files },
    });
  }
  const json = {
    ok: missing.length === 0,
    hostKey: report.hostKey,
    outDir,
    files: report.files.map(jsonFile),
  };
  return {
    exitCode: missing.length ? ExitCode.notYet : ExitCode.ok,
    json,
    render(out) {
      for (const f of report.files) {
        if (f.status === 'missing') {
          out.print(toned(out, 'pending', `${f.date}  ${shown(f.remote)}: ${out.t(STATUS.missing)}`));
        } else {
          const tone = f.status === 'skipped' ? 'muted' : 'ok';
          out.print(`${shown(f.path)}  ${toned(out, tone, `(${out.t(STATUS[f.status])}, ${f.size} B)`)}`);
        }
      }
      if (missing.length)
        out.note(
          out.t(
            t('部分文件尚未生成，稍后重试（退出码 6）', 'some files are not there yet; retry later (exit 6)'),
          ),
        );
    },
  };
};

function jsonFile(f: FetchedFile) {
  return {
    date: f.date,
    intraday: f.intraday,
    status: f.status,
    remote: f.remote,
    fromZip: f.fromZip,
    ...(f.path ? { path: f.path, size: f.size, sha256: f.sha256 } : {}),
    ...(f.looked ? { looked: f.looked } : {}),
  };
}

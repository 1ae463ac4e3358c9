import type { CommandRun } from '../../cli/command.js';
import { impPrefix } from '../../cli/hint.js';
import { UsageError } from '../../core/errors.js';
import { ExitCode } from '../../core/exit-codes.js';
import { type LedgerSource, runReconCheck } from '../../recon/check.js';
import { renderRecon } from '../../recon/render.js';
import { checkReportPath, reconJson, writeReport } from '../../recon/report.js';
import { parseDuration } from '../../recon/window.js';

/**
 * `imp recon check <file> [--ledger f.csv | --journal]`: exit 0 clean, 5 differences (or
 * unreadable lines, or a summary line that does not add up), 2 unreadable input.
 */
export const run: CommandRun = async (ctx, { args, opts }) => {
  const file = args[0];
  if (!file)
    throw new UsageError('imp recon check: name the reconciliation file (DZ_<busino>_<yyyyMMdd>.csv)');
  if (opts.ledger && opts.journal) throw new UsageError('--ledger and --journal: choose one ledger');
  if (opts.map && !opts.ledger) throw new UsageError('--map applies to --ledger files only');
  const window = parseDuration(opts.window ?? '30m');
  if (opts.report) checkReportPath(opts.report);

  let afterSpinner: (() => void) | undefined;
  let ledger: LedgerSource = { kind: 'none' };
  if (opts.ledger) {
    ledger = {
      kind: 'file',
      path: opts.ledger,
      map: opts.map,
      unit: opts.ledgerUnit === 'yuan' ? 'yuan' : 'fen',
    };
  } else if (opts.journal) {
    const profile = await ctx.profile();
    const { journalPath, foldJournal, readJournalLines, JournalDamage } = await import(
      '../../journal/index.js'
    );
    const { journalLedgerRows } = await import('../../recon/journal-ledger.js');
    const path = journalPath(profile);
    ledger = {
      kind: 'rows',
      label: `journal:${path}`,
      rows: async (date) => {
        const damage = new JournalDamage();
        const entries = await foldJournal(readJournalLines(path, damage));
        // said once the spinner is gone: a line written under it is drawn over
        afterSpinner = () => damage.warn(ctx.out, path, impPrefix(ctx));
        return journalLedgerRows(entries, date, window);
      },
    };
  }

  const { startSpinner } = await import('../../output/spinner.js');
  const spinner = await startSpinner(ctx.out, ctx.out.t({ zh: `对账中 ${file}`, en: `checking ${file}` }));
  let result: Awaited<ReturnType<typeof runReconCheck>>;
  try {
    result = await runReconCheck({ file, ledger, window, carry: opts.carry });
  } finally {
    spinner.stop();
    afterSpinner?.();
  }
  if (opts.report) await writeReport(opts.report, result);
  if (ledger.kind === 'none')
    ctx.out.note(ctx.out.t({ zh: '未给台账：只做文件自检', en: 'no ledger given: self-check only' }));
  return {
    exitCode: result.summary.clean ? ExitCode.ok : ExitCode.reconDiff,
    json: reconJson(result),
    render: (out) => renderRecon(out, result, opts.report),
  };
};

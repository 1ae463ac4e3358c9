import { resolve } from 'node:path';
import type { CommandRun } from '../../cli/kit/command.js';
import type { Context } from '../../cli/kit/context.js';
import { impCommand, impPrefix } from '../../cli/kit/hint.js';
import { ImpError, UsageError } from '../../core/errors.js';
import { ExitCode } from '../../core/exit-codes.js';
import { reconText } from '../../output/messages/recon.js';
import type { Output } from '../../output/output.js';
import { type LedgerSource, runReconCheck } from '../../recon/check.js';
import { checkReportPath, reconJson, writeReport } from '../../recon/report.js';
import { parseDuration } from '../../recon/window.js';
import { renderRecon } from './render.js';

/**
 * `imp recon check <file> [--ledger f.csv | --journal]`: exit 0 clean, 5 differences (or
 * unreadable lines, or a summary line that does not add up), 2 unreadable input.
 */
export const run: CommandRun = async (ctx, { args, opts }) => {
  const file = args[0];
  if (!file)
    throw new UsageError('imp recon check: name the reconciliation file (DZ_<busino>_<yyyyMMdd>.csv)');
  if ([opts.ledger, opts.journal, opts.ledgerDb].filter(Boolean).length > 1)
    throw new UsageError('--ledger, --journal and --ledger-db: choose one ledger');
  if (opts.map && !opts.ledger && !opts.ledgerDb)
    throw new UsageError('--map applies to --ledger files and --ledger-db queries only');
  if (opts.ledgerSql && !opts.ledgerDb) throw new UsageError('--ledger-sql needs --ledger-db <url>');
  if (opts.resolve && !opts.journal) throw new UsageError('--resolve applies to --journal only');
  const window = parseDuration(opts.window ?? '30m');
  const maxLineBytes =
    opts.maxLineBytes === undefined ? undefined : positiveInt('--max-line-bytes', opts.maxLineBytes);
  if (opts.report) checkReportPath(opts.report);
  // a bad --alert is a usage error now, not a lost alert later
  const alert = opts.alert ? await readAlertTarget(opts.alert, opts.alertFormat) : undefined;

  let afterSpinner: (() => void) | undefined;
  let ledger: LedgerSource = { kind: 'none' };
  let resolveCommand: string | undefined;
  if (opts.ledger) {
    ledger = {
      kind: 'file',
      path: opts.ledger,
      map: opts.map,
      unit: opts.ledgerUnit === 'yuan' ? 'yuan' : 'fen',
    };
  } else if (opts.ledgerDb) {
    const { ledgerDbOption } = await import('./ledger-db-option.js');
    ledger = await ledgerDbOption(ctx, { ...opts, ledgerDb: opts.ledgerDb }, window);
  } else if (opts.journal) {
    // the profile's journal, file or shared (a cron host sees every machine's requests)
    const profile = await ctx.profile();
    resolveCommand = impCommand(ctx, 'journal', 'resolve');
    if (opts.resolve) await resolveFirst(ctx);
    const { Journal } = await import('../../journal/journal.js');
    const { journalLedgerRows } = await import('../../recon/journal-ledger.js');
    const journal = Journal.forProfile(profile, impCommand(ctx, 'journal', 'migrate'));
    ledger = {
      kind: 'rows',
      pendingIsUnsettled: true,
      label: `journal:${journal.file}`,
      rows: async (date) => {
        const entries = await journal.entries();
        await journal.close();
        // said once the spinner is gone: a line written under it is drawn over
        afterSpinner = () => journal.warnDamaged(ctx.out, impPrefix(ctx));
        return journalLedgerRows(entries, date, window);
      },
    };
  }

  // team mode: each day's check, its differences and carried orders kept in the database
  const { optionalReconHistory } = await import('./history-option.js');
  const history = await optionalReconHistory(ctx);
  const { carryFor, keepRun } = await import('./history-run.js');
  const carry = history ? await carryFor(history, file, opts.carry, ledger) : opts.carry;

  const { startSpinner } = await import('../../output/spinner.js');
  const spinner = await startSpinner(ctx.out, ctx.out.t(reconText('checking', { file })));
  let result: Awaited<ReturnType<typeof runReconCheck>>;
  try {
    result = await runReconCheck({ file, ledger, window, carry, maxLineBytes });
    if (history) await keepRun(ctx, history, result, carry);
  } catch (err) {
    if (alert && err instanceof ImpError) {
      const { errorAlert } = await import('../../recon/alert/send.js');
      const { deliverAlert } = await import('./alert.js');
      await deliverAlert(ctx.out, alert, errorAlert('recon check', err.exitCode, err.message));
    }
    throw err;
  } finally {
    spinner.stop();
    afterSpinner?.();
    await history?.close();
  }
  if (opts.report) await writeReport(opts.report, result);
  if (ledger.kind === 'none') ctx.out.note(ctx.out.t(reconText('self-check-only')));
  const exitCode = result.summary.clean ? ExitCode.ok : ExitCode.reconDiff;
  if (alert && !result.summary.clean) {
    const { checkAlert, deliverAlert } = await import('./alert.js');
    const report = opts.report ? resolve(ctx.cwd, opts.report) : undefined;
    await deliverAlert(ctx.out, alert, checkAlert(ctx.out, result, exitCode, report));
  }
  return {
    exitCode,
    json: reconJson(result),
    render: (out) => {
      renderRecon(out, result, opts.report);
      const unsettled = result.summary.classes.unsettled_local.count;
      if (unsettled > 0 && resolveCommand) out.note(unsettledHint(unsettled, resolveCommand, file, out));
    },
  };
};

function unsettledHint(n: number, command: string, file: string, out: Output): string {
  const one = n === 1;
  return out.t(
    reconText('unsettled-hint', {
      n,
      entries: one ? 'entry' : 'entries',
      are: one ? 'is' : 'are',
      command,
      file,
    }),
  );
}

/** `--resolve`: settle the journal's unknown and pending entries by querying, as \`imp journal resolve\`. */
async function resolveFirst(ctx: Context): Promise<void> {
  const [{ resolvePending }, { openSession }] = await Promise.all([
    import('../../txn/resolve.js'),
    import('../shared/session.js'),
  ]);
  const done = await resolvePending(await openSession(ctx));
  const json = { count: done.length, stillUnknown: done.filter((d) => d.after === 'unknown').length };
  const entries = json.count === 1 ? 'entry' : 'entries';
  ctx.out.note(
    ctx.out.t(reconText('resolved-first', { count: json.count, entries, still: json.stillUnknown })),
  );
}

function positiveInt(flag: string, text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < 1) {
    throw new UsageError(`${flag} ${text}: expected a whole number of bytes`);
  }
  return n;
}

async function readAlertTarget(url: string, format: string | undefined) {
  const { alertTarget } = await import('../../recon/alert/target.js');
  return alertTarget(url, format);
}

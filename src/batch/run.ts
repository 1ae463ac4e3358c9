import { basename } from 'node:path';
import type { CommandResult } from '../cli/kit/command.js';
import type { Context } from '../cli/kit/context.js';
import { impCommand } from '../cli/kit/hint.js';
import { ImpError, UsageError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { describeFen, type Fen } from '../core/money.js';
import { parseRate, withRate } from '../http/pace.js';
import { type Text, t } from '../output/i18n.js';
import { type ColumnSpec, type CsvRow, readCsvRows } from './csv-input.js';
import { InOrder } from './in-order.js';
import { KeyedLock, parseConcurrency, runPool } from './pool.js';
import { startProgress } from './progress.js';
import { openResultSink, type ResultRow, type ResultSink } from './result-sink.js';
import { BatchSummary, OUTCOME_LABELS, type RowOutcome, renderProblems } from './summary.js';

/** One processed row: its outcome and whatever columns the result file shows. */
export type RowResult = ResultRow & { line: number; outcome: RowOutcome; amount_fen?: Fen; error?: string };

/** What a kind of batch (query, refund) plugs into {@link runBatch}. */
export interface BatchSpec {
  /** For the progress bar and messages. */
  label: Text;
  columns: readonly ColumnSpec[];
  /** Columns of the result file, in order. */
  resultColumns: readonly string[];
  /** Do rows carry amounts worth totalling (refunds)? */
  withAmounts: boolean;
  /** First pass, before anything is sent: check a row (throw a UsageError naming the line); return its amount. */
  check(row: CsvRow): Fen | undefined;
  /** Called once after the first pass (the refund batch shows the total and asks here). */
  beforeStart?(rows: number, total: Fen): Promise<void>;
  /** Rows with the same key never run at the same time (same order). */
  key(row: CsvRow): string;
  /** Process one row; must not throw for a row-level problem (return `refused`, `unknown`…). */
  process(row: CsvRow): Promise<RowResult>;
}

/** Problem rows kept for the final report (bounded, so memory stays flat). */
const MAX_PROBLEMS = 50;

/**
 * Validate the whole file first (nothing is sent when any row is bad), then run
 * every row with bounded concurrency, writing each result as it finishes and
 * keeping only counts (and the first problem rows) in memory.
 *
 * Exit code: 3 when a row's outcome is unknown, else 1 when a row failed or was
 * refused, else 0.
 */
export async function runBatch(
  ctx: Context,
  file: string,
  opts: { concurrency?: unknown; rate?: unknown; out?: string; dryRun?: boolean },
  spec: BatchSpec,
): Promise<CommandResult> {
  const concurrency = parseConcurrency(opts.concurrency);
  const rate = parseRate(opts.rate);
  let rows = 0;
  let total = 0;
  for await (const row of readCsvRows(file, spec.columns)) {
    rows += 1;
    total += spec.check(row) ?? 0;
  }
  if (rows === 0)
    throw new UsageError(`${basename(file)}: no data rows after the header`, { code: 'BATCH_EMPTY' });
  if (opts.dryRun) {
    const amounts = spec.withAmounts ? { total_fen: total } : {};
    return {
      json: { ok: true, dryRun: true, file, rows, ...amounts },
      render(out) {
        const sum = spec.withAmounts ? `, ${describeFen(total, out.lang)}` : '';
        out.print(
          out.t(
            t(`（演练：未发送）${rows} 行有效${sum}`, `(dry run: nothing sent) ${rows} valid rows${sum}`),
          ),
        );
      },
    };
  }
  await spec.beforeStart?.(rows, total);

  const sink: ResultSink | undefined = opts.out
    ? await openResultSink(opts.out, spec.resultColumns)
    : undefined;
  const progress = await startProgress(ctx.out, rows, ctx.out.t(spec.label));
  const summary = new BatchSummary();
  const problems: RowResult[] = [];
  try {
    await withRate(rate, () =>
      runRows(
        file,
        concurrency,
        spec,
        (result) => {
          summary.add(result.outcome, result.amount_fen);
          if (isProblem(result.outcome) && problems.length < MAX_PROBLEMS) problems.push(result);
          progress.tick(OUTCOME_LABELS[result.outcome]);
        },
        sink,
      ),
    );
  } finally {
    progress.stop();
    await sink?.close();
  }
  problems.sort((a, b) => a.line - b.line);
  const exitCode =
    summary.counts.unknown > 0
      ? ExitCode.unknown
      : summary.counts.failure + summary.counts.refused > 0
        ? ExitCode.business
        : ExitCode.ok;
  return {
    exitCode,
    json: {
      ok: exitCode === ExitCode.ok,
      file,
      out: sink?.path ?? null,
      rows,
      total_fen: spec.withAmounts ? total : undefined,
      summary: summary.toJSON(spec.withAmounts),
      problems: problems.map((p) => ({ ...p })),
    },
    render(out) {
      out.print(summary.render(out, spec.withAmounts));
      if (problems.length > 0) out.print(renderProblems(out, basename(file), problems, spec.withAmounts));
      if (problems.length < summary.counts.unknown + summary.counts.refused + summary.counts.failure) {
        out.note(
          out.t(
            t(
              '（只列出前几行问题；完整结果见 --out 文件）',
              '(only the first problem rows are listed; --out has every row)',
            ),
          ),
        );
      }
      if (sink?.path) out.note(out.t(t(`逐行结果：${sink.path}`, `results per row: ${sink.path}`)));
      if (summary.counts.unknown > 0) {
        out.note(
          out.t(
            t(
              `有结果未知的行：再次运行同一命令只会查询它们，不会重发；或用 ${impCommand(ctx, 'journal', 'resolve')}`,
              `some rows have an unknown outcome: running the same command again only queries them, never re-sends; or use ${impCommand(ctx, 'journal', 'resolve')}`,
            ),
          ),
        );
      }
    },
  };
}

/** Results written further ahead of the oldest unfinished row than this wait (memory stays flat). */
const MAX_AHEAD = 512;

/** The rows of `file`, numbered in reading order. */
async function* numbered(rows: AsyncIterable<CsvRow>): AsyncGenerator<{ seq: number; row: CsvRow }> {
  let seq = 0;
  for await (const row of rows) yield { seq: seq++, row };
}

/**
 * Process every row with bounded concurrency; `finished` sees each result as it finishes, the
 * result file gets them in the file's order.
 */
async function runRows(
  file: string,
  concurrency: number,
  spec: BatchSpec,
  finished: (result: RowResult) => void,
  sink: ResultSink | undefined,
): Promise<void> {
  const lock = new KeyedLock();
  const ordered = new InOrder<RowResult>(MAX_AHEAD, (result) => sink?.write(result));
  await runPool(numbered(readCsvRows(file, spec.columns)), concurrency, async ({ seq, row }) => {
    await ordered.room(seq);
    const result = await lock
      .run(spec.key(row), () => spec.process(row))
      .catch(
        (err): RowResult => ({
          line: row.line,
          ...row.values,
          outcome:
            err instanceof ImpError &&
            (err.exitCode === ExitCode.unknown || err.exitCode === ExitCode.signature)
              ? 'unknown'
              : 'refused',
          error: (err as Error).message,
        }),
      );
    finished(result);
    await ordered.done(seq, result);
  });
}

function isProblem(o: RowOutcome): boolean {
  return o === 'unknown' || o === 'refused' || o === 'failure';
}

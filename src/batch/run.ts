import { basename } from 'node:path';
import { ImpError, UsageError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import type { Fen } from '../core/money.js';
import { parseRate, withRate } from '../http/pace.js';
import type { Text } from '../output/i18n.js';
import { OUTCOME_LABELS } from '../output/messages/batch.js';
import type { Output } from '../output/output.js';
import { type ColumnSpec, type CsvRow, readCsvRows } from './csv-input.js';
import { InOrder } from './in-order.js';
import { KeyedLock, parseConcurrency, runPool } from './pool.js';
import { startProgress } from './progress.js';
import { openResultSink, type ResultRow, type ResultSink } from './result-sink.js';
import { BatchSummary, type RowOutcome } from './summary.js';

/** One processed row: its outcome and whatever columns the result file shows. */
export type RowResult = ResultRow & { line: number; outcome: RowOutcome; amount_fen?: Fen; error?: string };

/** What a kind of batch (query, refund) plugs into {@link runBatch}. */
export interface BatchSpec {
  /** For the progress bar and messages. */
  label: Text;
  columns: readonly ColumnSpec[];
  /** Columns of the result file, in order. */
  resultColumns: readonly string[];
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

/** How a batch runs: the command's flags, as given. */
export interface BatchOptions {
  concurrency?: unknown;
  rate?: unknown;
  /** `--out`: the result file, one line per row in the file's order. */
  out?: string;
  dryRun?: boolean;
}

/** What the first pass found: every row checked, nothing sent. */
export interface BatchCheck {
  file: string;
  rows: number;
  /** Sum of the rows' amounts (0 when the batch carries none). */
  total: Fen;
}

/**
 * What a batch did, as data: the command renders it (src/commands/shared/batch-result.ts).
 * `dryRun`: the file checked, nothing sent. Otherwise every row ran: counts and amounts per
 * outcome, the first problem rows (by line), and the result file when `--out` named one.
 */
export type BatchReport =
  | (BatchCheck & { dryRun: true })
  | (BatchCheck & {
      dryRun: false;
      /** The result file written, when `--out` named one. */
      resultFile?: string;
      summary: BatchSummary;
      /** The first {@link MAX_PROBLEMS} rows that failed, were refused or stay unknown, by line. */
      problems: RowResult[];
    });

/**
 * Validate the whole file first (nothing is sent when any row is bad), then run
 * every row with bounded concurrency, writing each result as it finishes and
 * keeping only counts (and the first problem rows) in memory.
 */
export async function runBatch(
  out: Output,
  file: string,
  opts: BatchOptions,
  spec: BatchSpec,
): Promise<BatchReport> {
  const concurrency = parseConcurrency(opts.concurrency);
  const rate = parseRate(opts.rate);
  const checked = await checkFile(file, spec);
  if (opts.dryRun) return { ...checked, dryRun: true };
  await spec.beforeStart?.(checked.rows, checked.total);
  const sink = opts.out ? await openResultSink(opts.out, spec.resultColumns) : undefined;
  const progress = await startProgress(out, checked.rows, out.t(spec.label));
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
  return { ...checked, dryRun: false, resultFile: sink?.path, summary, problems };
}

/** The first pass: every row checked (a bad one throws, naming its line), amounts summed. */
async function checkFile(file: string, spec: BatchSpec): Promise<BatchCheck> {
  let rows = 0;
  let total = 0;
  for await (const row of readCsvRows(file, spec.columns)) {
    rows += 1;
    total += spec.check(row) ?? 0;
  }
  if (rows === 0)
    throw new UsageError(`${basename(file)}: no data rows after the header`, { code: 'BATCH_EMPTY' });
  return { file, rows, total };
}

/** Exit code of a batch: 3 when a row's outcome is unknown, else 1 when a row failed or was refused, else 0. */
export function batchExitCode(summary: BatchSummary): ExitCode {
  if (summary.counts.unknown > 0) return ExitCode.unknown;
  return summary.counts.failure + summary.counts.refused > 0 ? ExitCode.business : ExitCode.ok;
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

import { basename } from 'node:path';
import { UsageError } from '../core/errors.js';
import type { Fen } from '../core/money.js';
import { parseDecimalYuan } from '../core/money.js';
import {
  BANK_DETAIL_COLUMN_COUNT,
  type BankRow,
  type BankSummary,
  isDatetime14,
  parseBankFields,
} from './bank-columns.js';
import { detectEncoding, type FileEncoding, readHead, streamRecords } from './csv-source.js';
import { DEFAULT_RECON_LIMITS } from './limits.js';

const BARE_LF = 'the line ends in a bare LF; the bank file declares CRLF line ends';

/** What the start of a reconciliation file says about the rest. */
export interface BankFileInfo {
  path: string;
  name: string;
  encoding: FileEncoding;
  /** A `tmp_DZ_` file: informational only, settlement uses the end-of-day file (spec 2.7.3.2). */
  intraday: boolean;
  /** The bank's day, yyyyMMdd: from the file name, else from the first detail line. */
  date?: string;
  /** Line numbers of header rows skipped (summary header, detail header). */
  headerLines: number[];
  summaryLine: number;
  summary: BankSummary;
  /** Line where details start (csv-parse `from_line`). */
  firstDetailLine: number;
  /** Summary or header lines not in the declared shape (not CRLF-terminated). */
  headProblems: BankProblem[];
}

/** Totals of the detail lines, for the self-check and the summary table. */
export interface BankTotals {
  details: number;
  pays: { count: number; amount: Fen };
  refunds: { count: number; amount: Fen };
  /** Signed sum of the amounts: payments less refunds (the summary's `net` reading). */
  amount: Fen;
  /** Sum of the amounts' magnitudes: payments plus refunds (the `gross` reading). */
  gross: Fen;
  settled: Fen;
  fee: Fen;
  malformed: number;
}

/** A line of the bank file that could not be read. */
export interface BankProblem {
  line: number;
  reason: string;
}

/**
 * Read the summary line and any header rows. The 3-column summary is read apart from the
 * 17-column details: one csv-parse over both would raise (and throw away) an error per line.
 */
export async function openBankFile(path: string): Promise<BankFileInfo> {
  const encoding = await detectEncoding(path);
  const head = await readHead(path, encoding);
  const { parse } = await import('csv-parse/sync');
  const lines = head.split('\n');
  if (lines.length > 1) lines.pop(); // the last piece may be cut mid-line
  const bareLf = (line: number) => line < lines.length && !lines[line - 1]!.endsWith('\r');
  let n = 0;
  const next = (): { line: number; fields: string[] } | undefined => {
    while (n < lines.length) {
      const text = lines[n++]!.replace(/\r$/, '');
      if (text.trim() === '') continue;
      const rows = parse(text, { relax_quotes: true, relax_column_count: true }) as string[][];
      return { line: n, fields: (rows[0] ?? []).map((f) => f.trim()) };
    }
    return undefined;
  };
  const name = basename(path);
  const notRecon = (line: number, why: string) =>
    new UsageError(`${path}:${line}: not a reconciliation file: ${why}`, {
      code: 'RECON_NOT_A_FILE',
      hints: ['line 1 must be the summary (count, total amount, total settled), then 17-column detail lines'],
    });
  const headerLines: number[] = [];
  let first = next();
  if (!first) throw notRecon(1, 'the file is empty');
  if (!isSummary(first.fields) && isHeader(first.fields)) {
    headerLines.push(first.line);
    first = next();
    if (!first) throw notRecon(headerLines[0]! + 1, 'no summary line after the header');
  }
  if (!isSummary(first.fields)) {
    throw notRecon(
      first.line,
      `expected the summary line (count, total, settled), found '${preview(first.fields)}'`,
    );
  }
  const summary: BankSummary = {
    count: Number(first.fields[0]),
    total: parseDecimalYuan(first.fields[1]!)!,
    settled: parseDecimalYuan(first.fields[2]!)!,
  };
  let firstDetailLine = first.line + 1;
  const afterSummary = next();
  if (afterSummary && isDetailHeader(afterSummary.fields)) {
    headerLines.push(afterSummary.line);
    firstDetailLine = afterSummary.line + 1;
  }
  // the day from the name, else from the first detail line (a file renamed by hand)
  const firstTime =
    afterSummary && !isDetailHeader(afterSummary.fields) ? afterSummary.fields[3] : next()?.fields[3];
  const date =
    /_(\d{8})(?!\d)/.exec(name)?.[1] ??
    (firstTime && isDatetime14(firstTime) ? firstTime.slice(0, 8) : undefined);
  const headProblems = [...headerLines, first.line]
    .filter(bareLf)
    .sort((a, b) => a - b)
    .map((line) => ({ line, reason: BARE_LF }));
  return {
    headProblems,
    path,
    name,
    encoding,
    intraday: /^tmp_DZ_/i.test(name),
    date,
    headerLines,
    summaryLine: first.line,
    summary,
    firstDetailLine,
  };
}

/** Stream the detail lines: good rows to `onRow`, bad ones to `onProblem`; returns the totals. */
export async function streamBankRows(
  info: BankFileInfo,
  onRow: (row: BankRow) => void,
  onProblem: (problem: BankProblem) => void,
  maxLineBytes = DEFAULT_RECON_LIMITS.maxLineBytes,
): Promise<BankTotals> {
  for (const p of info.headProblems) onProblem(p);
  const totals: BankTotals = {
    details: 0,
    pays: { count: 0, amount: 0 },
    refunds: { count: 0, amount: 0 },
    amount: 0,
    gross: 0,
    settled: 0,
    fee: 0,
    malformed: 0,
  };
  const problem = (line: number, reason: string) => {
    totals.details++;
    totals.malformed++;
    onProblem({ line, reason });
  };
  await streamRecords(
    info.path,
    { encoding: info.encoding, fromLine: info.firstDetailLine, crlf: true, maxLineBytes },
    (fields, line) => {
      const row = parseBankFields(fields, line);
      if (typeof row === 'string') return problem(line, row);
      totals.details++;
      const side = row.type === 'pay' ? totals.pays : totals.refunds;
      side.count++;
      side.amount += row.amount;
      totals.amount += row.amount;
      totals.settled += row.settled;
      totals.fee += row.fee;
      onRow(row);
    },
    problem,
  );
  // refunds are negative in the file
  totals.gross = totals.pays.amount - totals.refunds.amount;
  return totals;
}

function isSummary(all: string[]): boolean {
  // some writers pad the summary with empty columns up to the detail width
  let n = all.length;
  while (n > 3 && all[n - 1] === '') n--;
  const f = all.slice(0, n);
  return (
    f.length >= 3 &&
    f.length < BANK_DETAIL_COLUMN_COUNT &&
    /^\d{1,12}$/.test(f[0]!) &&
    parseDecimalYuan(f[1]!) !== undefined &&
    parseDecimalYuan(f[2]!) !== undefined
  );
}

/** A header row holds names, not numbers. */
function isHeader(f: string[]): boolean {
  return f.length >= 3 && f.every((v) => v === '' || !/^[+-]?\d+(\.\d+)?$/.test(v));
}

function isDetailHeader(f: string[]): boolean {
  return (
    f.length >= BANK_DETAIL_COLUMN_COUNT && !isDatetime14(f[3]!) && parseDecimalYuan(f[6]!) === undefined
  );
}

function preview(f: string[]): string {
  const s = f.join(',');
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

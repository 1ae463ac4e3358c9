import { extname } from 'node:path';
import { openAtomic } from '../core/atomic-write.js';
import { UsageError } from '../core/errors.js';
import { formatYuan } from '../core/money.js';
import { csvCell } from '../output/csv.js';
import { RECON_CLASS_LABELS } from '../output/messages/recon.js';
import type { ReconDifference, ReconResult } from './types.js';

/** One difference as `--json` and the JSON report write it. */
function diffJson(d: ReconDifference) {
  return {
    class: d.class,
    label: RECON_CLASS_LABELS[d.class],
    type: d.type,
    orderno: d.orderno,
    refundno: d.refundno,
    bank: d.bank ?? null,
    ledger: d.ledger ?? null,
    ...(d.note ? { note: d.note } : {}),
  };
}

/**
 * The `--json` document: `{ok, summary, differences, pending, problems}`. Amounts are integer
 * 分; each difference carries the class, its ids and the bank and ledger lines as read.
 */
export function reconJson(result: ReconResult): Record<string, unknown> {
  return {
    ok: result.summary.clean,
    summary: result.summary,
    differences: result.differences.map(diffJson),
    pending: result.pending.map(diffJson),
    problems: result.problems,
  };
}

const CSV_HEAD = [
  'class',
  'label',
  'type',
  'orderno',
  'refundno',
  'bank_line',
  'bank_time',
  'bank_amount',
  'bank_settled',
  'bank_fee',
  'bank_transno',
  'bank_imp_tradeno',
  'ledger_line',
  'ledger_time',
  'ledger_amount',
  'ledger_fee',
  'ledger_status',
  'note',
];

/** Refuse a report name that is neither .csv nor .json before the check runs, not after. */
export function checkReportPath(path: string): 'csv' | 'json' {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.json') return 'json';
  throw new UsageError(`--report ${path}: the report must end in .csv or .json`);
}

/**
 * `--report`: every difference (pending ones too, by class) to `.csv` (UTF-8 with BOM, for
 * Excel) or `.json` (the `--json` document). Written in pieces, so a ledger that matches
 * nothing (a million differences) still makes a report; temp file, fsync, rename.
 */
export async function writeReport(path: string, result: ReconResult): Promise<void> {
  const kind = checkReportPath(path);
  try {
    const out = await openAtomic(path);
    try {
      let buf: string[] = [];
      let size = 0;
      for (const piece of kind === 'json' ? reportJsonPieces(result) : reportCsvPieces(result)) {
        buf.push(piece);
        size += piece.length;
        if (size > 1 << 20) {
          await out.write(buf.join(''));
          buf = [];
          size = 0;
        }
      }
      await out.write(buf.join(''));
    } catch (err) {
      await out.abort();
      throw err;
    }
    await out.commit();
  } catch (err) {
    throw new UsageError(`--report ${path}: ${(err as Error).message}`, { cause: err });
  }
}

function* reportJsonPieces(result: ReconResult): Generator<string> {
  yield `{\n  "ok": ${result.summary.clean},\n  "summary": ${JSON.stringify(result.summary)},\n`;
  for (const key of ['differences', 'pending'] as const) {
    yield `  "${key}": [`;
    let first = true;
    for (const d of result[key]) {
      yield `${first ? '\n' : ',\n'}    ${JSON.stringify(diffJson(d))}`;
      first = false;
    }
    yield first ? '],\n' : '\n  ],\n';
  }
  yield `  "problems": ${JSON.stringify(result.problems)}\n}\n`;
}

function* reportCsvPieces(result: ReconResult): Generator<string> {
  yield `\uFEFF${CSV_HEAD.join(',')}\n`;
  for (const list of [result.differences, result.pending]) {
    for (const d of list) {
      const b = d.bank;
      const l = d.ledger;
      const cells = [
        d.class,
        RECON_CLASS_LABELS[d.class].zh,
        d.type,
        d.orderno,
        d.refundno,
        b?.line ?? '',
        b?.time ?? '',
        b ? formatYuan(b.amount) : '',
        b ? formatYuan(b.settled) : '',
        b ? formatYuan(b.fee) : '',
        b?.transno ?? '',
        b?.impTradeno ?? '',
        l?.line || '',
        l?.time ?? '',
        l ? formatYuan(l.amount) : '',
        l?.fee === undefined ? '' : formatYuan(l.fee),
        l?.status ?? '',
        d.note ?? '',
      ];
      yield `${cells.map((c) => csvCell(c)).join(',')}\n`;
    }
  }
}

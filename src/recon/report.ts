import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { extname } from 'node:path';
import { UsageError } from '../core/errors.js';
import { formatYuan } from '../core/money.js';
import { RECON_CLASS_LABELS } from './classes.js';
import type { ReconDifference, ReconResult } from './types.js';

/**
 * The `--json` document: `{summary, differences, pending, problems}`. Amounts are integer 分;
 * each difference carries the class, its ids and the bank and ledger lines as read.
 */
export function reconJson(result: ReconResult): Record<string, unknown> {
  const diff = (d: ReconDifference) => ({
    class: d.class,
    label: RECON_CLASS_LABELS[d.class],
    type: d.type,
    orderno: d.orderno,
    refundno: d.refundno,
    bank: d.bank ?? null,
    ledger: d.ledger ?? null,
    ...(d.note ? { note: d.note } : {}),
  });
  return {
    ok: result.summary.clean,
    summary: result.summary,
    differences: result.differences.map(diff),
    pending: result.pending.map(diff),
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

/** `--report`: every difference (pending ones too, by class) to `.csv` (UTF-8 with BOM, for Excel) or `.json`. */
export async function writeReport(path: string, result: ReconResult): Promise<void> {
  const ext = extname(path).toLowerCase();
  if (ext !== '.csv' && ext !== '.json') {
    throw new UsageError(`--report ${path}: the report must end in .csv or .json`);
  }
  const text = ext === '.json' ? `${JSON.stringify(reconJson(result), null, 2)}\n` : reportCsv(result);
  const tmp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const fh = await open(tmp, 'w');
    try {
      await fh.writeFile(text);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => {});
    throw new UsageError(`--report ${path}: ${(err as Error).message}`, { cause: err });
  }
}

function reportCsv(result: ReconResult): string {
  const lines = [CSV_HEAD.join(',')];
  for (const d of [...result.differences, ...result.pending]) {
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
    lines.push(cells.map((c) => csvCell(String(c))).join(','));
  }
  return `\uFEFF${lines.join('\n')}\n`;
}

function csvCell(v: string): string {
  // a leading = + - @ would be read as a formula by spreadsheet programs
  const safe = /^[=+@]/.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

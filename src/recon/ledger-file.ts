import { UsageError } from '../core/errors.js';
import type { Fen } from '../core/money.js';
import { parseDecimalYuan, parseFen } from '../core/money.js';
import { isDatetime14 } from './bank-columns.js';
import { detectEncoding, type FileEncoding, streamRecords } from './csv-source.js';
import type { LedgerRow, LedgerStatus } from './ledger-index.js';
import { DEFAULT_RECON_LIMITS } from './limits.js';

/** The ledger fields imp reads; `--map field=column` renames the columns they come from. */
export const LEDGER_FIELDS = ['type', 'orderno', 'refundno', 'amount', 'status', 'time', 'fee'] as const;
export type LedgerField = (typeof LEDGER_FIELDS)[number];

/** Column names recognised without `--map` (case-insensitive), English first. */
export const DEFAULT_NAMES: Record<LedgerField, string[]> = {
  type: ['type', '类型', '业务类型', '交易类型'],
  orderno: ['orderno', 'order_no', '商户订单号', '订单号'],
  refundno: ['refundno', 'refund_no', '商户退款单号', '退款单号'],
  amount: ['amount', 'amt', '金额', '订单金额', '交易金额'],
  status: ['status', '状态', '交易状态'],
  time: ['time', '时间', '交易时间'],
  fee: ['fee', '手续费', '服务费'],
};

/** Accepted values (case-insensitive) of the type and status columns. */
export const LEDGER_VALUES = {
  pay: ['pay', 'payment', '0', '支付', '消费', '收款'],
  refund: ['refund', '1', '退款', '退货'],
  success: [
    'success',
    'succeeded',
    'paid',
    'refunded',
    'ok',
    '成功',
    '支付成功',
    '退款成功',
    '已支付',
    '已退款',
  ],
  failed: [
    'failed',
    'fail',
    'failure',
    'closed',
    'cancelled',
    '失败',
    '支付失败',
    '退款失败',
    '已关闭',
    '关闭',
  ],
  pending: ['pending', 'processing', 'unknown', 'unpaid', '处理中', '待支付', '未支付', '未知'],
} as const;

const VALUE_OF = new Map<string, string>();
for (const [norm, list] of Object.entries(LEDGER_VALUES)) for (const v of list) VALUE_OF.set(v, norm);

/** Options of the ledger reader. */
export interface LedgerOptions {
  /** `field=column` (or `column=field`) pairs from `--map`. */
  map?: string[];
  /** Unit of the amount and fee columns: 分 (default) or 元. */
  unit?: 'fen' | 'yuan';
  /** Longer lines are unreadable (default {@link DEFAULT_RECON_LIMITS}). */
  maxLineBytes?: number;
}

/** A ledger line that could not be read. */
export interface LedgerProblem {
  line: number;
  reason: string;
}

/** What reading the ledger found besides its lines. */
export interface LedgerReadInfo {
  encoding: FileEncoding;
  columns: Partial<Record<LedgerField, string>>;
  hasFee: boolean;
  rows: number;
  problems: LedgerProblem[];
}

/** Resolve `--map` into field → column name. */
export function parseLedgerMap(pairs: readonly string[] = []): Partial<Record<LedgerField, string>> {
  const out: Partial<Record<LedgerField, string>> = {};
  const fields = LEDGER_FIELDS as readonly string[];
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const left = pair.slice(0, eq).trim();
    const right = pair.slice(eq + 1).trim();
    if (eq <= 0 || !right) throw new UsageError(`--map ${pair}: expected field=column, e.g. type=业务类型`);
    if (fields.includes(left)) out[left as LedgerField] = right;
    else if (fields.includes(right)) out[right as LedgerField] = left;
    else throw new UsageError(`--map ${pair}: neither side is a ledger field (${LEDGER_FIELDS.join(', ')})`);
  }
  return out;
}

/**
 * Stream the merchant's ledger CSV (header row first) and hand every good line to `onRow`.
 * Bad lines are collected with their line numbers; a missing required column is an error.
 */
export async function readLedgerFile(
  path: string,
  options: LedgerOptions,
  onRow: (row: LedgerRow) => void,
): Promise<LedgerReadInfo> {
  const mapped = parseLedgerMap(options.map);
  const encoding = await detectEncoding(path);
  const info: LedgerReadInfo = { encoding, columns: {}, hasFee: false, rows: 0, problems: [] };
  let idx: Record<LedgerField, number> | undefined;
  const amountOf = options.unit === 'yuan' ? yuanAmount : fenAmount;
  let width = 0;
  await streamRecords(
    path,
    {
      encoding,
      fromLine: 1,
      crlf: false,
      maxLineBytes: options.maxLineBytes ?? DEFAULT_RECON_LIMITS.maxLineBytes,
    },
    (fields, line) => {
      if (!idx) {
        idx = resolveColumns(path, fields, mapped, info);
        width = fields.length;
        return;
      }
      info.rows++;
      if (fields.length !== width) {
        info.problems.push({
          line,
          reason: `expected ${width} columns (as the header), found ${fields.length}`,
        });
        return;
      }
      const row = readRow(fields, line, idx, amountOf);
      if (typeof row === 'string') info.problems.push({ line, reason: row });
      else onRow(row);
    },
    (line, reason) => info.problems.push({ line, reason }),
  );
  if (!idx)
    throw new UsageError(`${path}: the ledger is empty (expected a header row)`, {
      code: 'RECON_UNREADABLE',
    });
  return info;
}

function resolveColumns(
  path: string,
  header: string[],
  mapped: Partial<Record<LedgerField, string>>,
  info: LedgerReadInfo,
): Record<LedgerField, number> {
  const names = header.map((h) =>
    h
      .trim()
      .replace(/^\uFEFF/, '')
      .toLowerCase(),
  );
  const idx = {} as Record<LedgerField, number>;
  for (const field of LEDGER_FIELDS) {
    const wanted = mapped[field] ? [mapped[field]] : DEFAULT_NAMES[field];
    const lower = wanted.map((w) => w.toLowerCase());
    const i = names.findIndex((n) => lower.includes(n));
    idx[field] = i;
    if (i >= 0) info.columns[field] = header[i]!.trim();
    else if (mapped[field]) {
      throw new UsageError(`${path}:1: --map ${field}=${mapped[field]}: no such column in the header`, {
        code: 'RECON_UNREADABLE',
      });
    }
  }
  for (const field of ['orderno', 'amount'] as const) {
    if (idx[field] < 0) {
      throw new UsageError(`${path}:1: the ledger has no '${field}' column (use --map ${field}=<column>)`, {
        code: 'RECON_UNREADABLE',
        hints: [`header: ${header.join(',')}`],
      });
    }
  }
  info.hasFee = idx.fee >= 0;
  return idx;
}

export function readRow(
  f: string[],
  line: number,
  idx: Record<LedgerField, number>,
  amountOf: (text: string) => Fen | undefined,
): LedgerRow | string {
  const orderno = cell(f, idx.orderno);
  const refundno = cell(f, idx.refundno);
  const typeText = cell(f, idx.type);
  const type = typeText
    ? (VALUE_OF.get(typeText) ?? VALUE_OF.get(typeText.toLowerCase()))
    : refundno
      ? 'refund'
      : 'pay';
  if (type !== 'pay' && type !== 'refund') return `type '${typeText}' is neither pay nor refund`;
  if (type === 'pay' && !orderno) return 'orderno is empty';
  if (type === 'refund' && !refundno) return 'refundno is empty on a refund line';
  const amountText = cell(f, idx.amount);
  const amount = amountOf(amountText);
  if (amount === undefined) return `amount '${amountText}' is not an amount`;
  const statusText = cell(f, idx.status);
  const status = statusText
    ? (VALUE_OF.get(statusText) ?? VALUE_OF.get(statusText.toLowerCase()))
    : 'success';
  if (status !== 'success' && status !== 'failed' && status !== 'pending') {
    return `status '${statusText}' is not success, failed or pending`;
  }
  let time = cell(f, idx.time);
  if (time && !isDatetime14(time)) {
    const digits = time.replace(/\D/g, '');
    if (!isDatetime14(digits)) return `time '${time}' is not yyyyMMddHHmmss`;
    time = digits;
  }
  const feeText = cell(f, idx.fee);
  let fee: Fen | undefined;
  if (feeText) {
    fee = amountOf(feeText);
    if (fee === undefined) return `fee '${feeText}' is not an amount`;
  }
  return { type, orderno, refundno, amount, status: status as LedgerStatus, time, fee, line };
}

function cell(f: string[], i: number): string {
  if (i < 0) return '';
  const v = f[i];
  return v === undefined ? '' : v.trim();
}

/** Integer 分; a minus sign is tolerated (refunds are compared by magnitude). */
function fenAmount(text: string): Fen | undefined {
  return parseFen(text.charCodeAt(0) === 45 ? text.slice(1) : text);
}

function yuanAmount(text: string): Fen | undefined {
  const fen = parseDecimalYuan(text);
  return fen === undefined ? undefined : Math.abs(fen);
}

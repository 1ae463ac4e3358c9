import type { Fen } from '../core/money.js';
import { formatYuan, parseDecimalYuan } from '../core/money.js';
import type { Text } from '../output/i18n.js';

/**
 * The layout of a reconciliation file (spec 2.7.3.1), written down once: the reader
 * here and the sandbox's file writer both use these lists.
 */

/** How a column's text is read: `money` is decimal yuan into 分, `datetime` yyyyMMddHHmmss. */
export type BankColumnKind = 'text' | 'money' | 'datetime' | 'type';

/** One column of a detail line; `required` mirrors the spec's R/C marks. */
export interface BankColumn {
  key: keyof BankRowFields;
  /** The spec's column name (zh) and ours (en): declarative data, like the catalogue's labels. */
  label: Text;
  kind: BankColumnKind;
  /** R: must hold a value (the spec allows `account` to be empty even though it is R). */
  required: boolean;
}

/** The 17 columns of a detail line (明细项), in file order. */
export const BANK_DETAIL_COLUMNS: readonly BankColumn[] = [
  { key: 'transno', label: { zh: 'IMP平台订单号', en: 'IMP order no' }, kind: 'text', required: true },
  {
    key: 'impTradeno',
    label: { zh: 'IMP平台支付流水号', en: 'IMP payment serial' },
    kind: 'text',
    required: true,
  },
  { key: 'orderno', label: { zh: '商户订单号', en: 'merchant order no' }, kind: 'text', required: true },
  { key: 'time', label: { zh: '交易时间', en: 'time' }, kind: 'datetime', required: true },
  { key: 'type', label: { zh: '业务类型', en: 'type' }, kind: 'type', required: true },
  { key: 'account', label: { zh: '对方账户', en: 'counterparty account' }, kind: 'text', required: false },
  { key: 'amount', label: { zh: '订单金额', en: 'order amount' }, kind: 'money', required: true },
  { key: 'settled', label: { zh: '商家实收', en: 'merchant received' }, kind: 'money', required: true },
  { key: 'redPacket', label: { zh: '红包', en: 'red packet' }, kind: 'money', required: false },
  {
    key: 'merchantDiscount',
    label: { zh: '商家优惠', en: 'merchant discount' },
    kind: 'money',
    required: false,
  },
  { key: 'coupon', label: { zh: '券核销金额', en: 'coupon' }, kind: 'money', required: false },
  { key: 'card', label: { zh: '卡消费金额', en: 'card' }, kind: 'money', required: false },
  { key: 'fee', label: { zh: '服务费', en: 'service fee' }, kind: 'money', required: true },
  { key: 'profitShare', label: { zh: '分润', en: 'profit share' }, kind: 'money', required: false },
  { key: 'orderDesc', label: { zh: '订单详情', en: 'order detail' }, kind: 'text', required: false },
  { key: 'channel', label: { zh: '渠道类型', en: 'channel' }, kind: 'text', required: false },
  { key: 'refundno', label: { zh: '商户退款单号', en: 'merchant refund no' }, kind: 'text', required: false },
];

/**
 * Number of columns a detail line has, exactly: a line with more or fewer is unreadable. (The
 * spec's "not limited to" would let the bank add columns; it has not, and a line with extra
 * columns is far more often a stray separator that shifted the fields than a new column.)
 */
export const BANK_DETAIL_COLUMN_COUNT = 17;

/** Business type of a detail line: `0` 消费 (pay), `1` 退货 (refund). */
export type BankRowType = 'pay' | 'refund';

/** The fields of a detail line; amounts are integer 分, refunds negative as in the file. */
export interface BankRowFields {
  /** IMP平台订单号 */
  transno: string;
  /** IMP平台支付流水号 */
  impTradeno: string;
  /** 商户订单号 */
  orderno: string;
  /** yyyyMMddHHmmss */
  time: string;
  type: BankRowType;
  /** 对方账户; may be empty. */
  account: string;
  /** 订单金额, negative for refunds. */
  amount: Fen;
  /** 商家实收 / 清算金额, negative for refunds. */
  settled: Fen;
  redPacket?: Fen;
  merchantDiscount?: Fen;
  coupon?: Fen;
  card?: Fen;
  /** 服务费, negative for refunds. */
  fee: Fen;
  profitShare?: Fen;
  /** 订单详情 (the request's orderdesc) */
  orderDesc: string;
  /** 00015 UnionPay QR, 00081 WeChat, 00091 Alipay; may be empty. */
  channel: string;
  /** 商户退款单号, refunds only. */
  refundno: string;
}

/** A detail line as read, with its 1-based line number in the file. */
export interface BankRow extends BankRowFields {
  line: number;
}

/**
 * What the summary's total (本批处理成功的交易总金额) sums: the spec does not say. `net` is
 * payments less refunds (the signed sum of the detail lines), `gross` every movement's
 * amount, refunds counted positive. imp accepts either and reports which one a file used.
 */
export const SUMMARY_BASES = ['net', 'gross'] as const;
export type SummaryBasis = (typeof SUMMARY_BASES)[number];

/** The summary line (line 1), amounts in 分. */
export interface BankSummary {
  count: number;
  total: Fen;
  settled: Fen;
}

const MONTH_DAYS = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Is `text` a real yyyyMMddHHmmss moment? (Char codes, no regex or Date: it runs once per line.) */
export function isDatetime14(text: string): boolean {
  if (text.length !== 14) return false;
  const n = (i: number) => {
    const c = text.charCodeAt(i) - 48;
    return c >= 0 && c <= 9 ? c : Number.NaN;
  };
  const y = n(0) * 1000 + n(1) * 100 + n(2) * 10 + n(3);
  const mo = n(4) * 10 + n(5);
  const d = n(6) * 10 + n(7);
  const h = n(8) * 10 + n(9);
  const mi = n(10) * 10 + n(11);
  const sec = n(12) * 10 + n(13);
  // NaN fails every comparison below
  if (
    !(mo >= 1 && mo <= 12 && d >= 1 && d <= MONTH_DAYS[mo]! && h <= 23 && mi <= 59 && sec <= 59 && y >= 0)
  ) {
    return false;
  }
  return mo !== 2 || d < 29 || (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0));
}

/**
 * Read the fields of one detail line. Returns the row, or the reason it is malformed
 * (naming the column) so the caller can report the line and go on. Written out column
 * by column (not a loop over the list) because it runs once per line of million-line files.
 */
export function parseBankFields(f: readonly string[], line: number): BankRow | string {
  if (f.length !== BANK_DETAIL_COLUMN_COUNT) {
    return `expected ${BANK_DETAIL_COLUMN_COUNT} columns, found ${f.length}`;
  }
  let bad: string | undefined;
  const text = (i: number): string => {
    const v = f[i]!.trim();
    if (v === '' && BANK_DETAIL_COLUMNS[i]!.required) bad ??= `${describe(i)} is empty`;
    return v;
  };
  const money = (i: number): Fen | undefined => {
    const v = f[i]!.trim();
    if (v === '') {
      if (BANK_DETAIL_COLUMNS[i]!.required) bad ??= `${describe(i)} is empty`;
      return undefined;
    }
    const fen = parseDecimalYuan(v);
    if (fen === undefined) bad ??= `${describe(i)} '${v}' is not an amount in yuan`;
    return fen;
  };
  const time = text(3);
  if (!bad && !isDatetime14(time)) bad = `${describe(3)} '${time}' is not yyyyMMddHHmmss`;
  const typeText = text(4);
  if (!bad && typeText !== '0' && typeText !== '1')
    bad = `${describe(4)} '${typeText}' is neither 0 (pay) nor 1 (refund)`;
  const row: BankRow = {
    transno: text(0),
    impTradeno: text(1),
    orderno: text(2),
    time,
    type: typeText === '1' ? 'refund' : 'pay',
    account: text(5),
    amount: money(6) ?? 0,
    settled: money(7) ?? 0,
    redPacket: money(8),
    merchantDiscount: money(9),
    coupon: money(10),
    card: money(11),
    fee: money(12) ?? 0,
    profitShare: money(13),
    orderDesc: text(14),
    channel: text(15),
    refundno: text(16),
    line,
  };
  return bad ?? row;
}

function describe(i: number): string {
  const col = BANK_DETAIL_COLUMNS[i]!;
  return `column ${i + 1} ${col.key} (${col.label.zh})`;
}

/** The 17 fields of a detail line as the bank writes them (amounts as yuan with 2 decimals). */
export function bankRowToFields(row: BankRowFields): string[] {
  return BANK_DETAIL_COLUMNS.map((col) => {
    const v = row[col.key];
    if (v === undefined) return '';
    if (col.kind === 'type') return v === 'pay' ? '0' : '1';
    if (col.kind === 'money') return formatYuan(v as Fen);
    return String(v);
  });
}

/** The summary line's 3 fields as the bank writes them. */
export function bankSummaryToFields(summary: BankSummary): string[] {
  return [String(summary.count), formatYuan(summary.total), formatYuan(summary.settled)];
}

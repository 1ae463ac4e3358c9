import path from 'node:path';
import { writeFileAtomic } from '../core/atomic-write.js';
import type { Fen } from '../core/money.js';
import { csvCell } from '../output/csv.js';
import { bankRowToFields, bankSummaryToFields, type SummaryBasis } from '../recon/bank-columns.js';

/**
 * One successful movement of money as the sandbox's state knows it; the
 * reconciliation file has one detail line per record. Only successful payments
 * and refunds belong here (the summary counts 处理成功 lines).
 */
export interface ReconRecord {
  /** IMP platform order number (IMP平台订单号). */
  transno: string;
  /** IMP payment serial (IMP平台支付流水号). */
  imp_tradeno: string;
  /** Merchant order number (商户订单号). */
  orderno: string;
  /** When it succeeded, yyyyMMddHHmmss in Asia/Shanghai; it decides the file's day. */
  time: string;
  type: 'pay' | 'refund';
  /** Positive integer 分; refunds are written negative by the file, not here. */
  amount: Fen;
  /** The customer's account (对方账户), when the channel gave one. */
  account?: string;
  /** The order's `orderdesc`, written in 订单详情. */
  orderdesc?: string;
  /** Channel code (渠道类型): 00015 UnionPay QR, 00081 WeChat, 00091 Alipay. */
  payType?: string;
  /** Merchant refund number, for refunds. */
  refundno?: string;
}

/** Zip protection of the file (spec 2.7.1: the bank hands out a zip password). */
export interface ReconZipOptions {
  password: string;
  /** AES-256 instead of the default ZipCrypto (which every unzip reads). */
  aes: boolean;
}

/** Options for {@link writeReconFiles}. */
export interface WriteReconFilesOptions {
  /** Directory served by the SFTP server. */
  dir: string;
  busino: string;
  /** yyyyMMdd: records of other days are left out. */
  date: string;
  records: readonly ReconRecord[];
  /** Write the intraday `tmp_DZ_` file (informational) instead of the end-of-day one. */
  intraday: boolean;
  encoding?: 'gbk' | 'utf8';
  /** null writes the bare CSV. */
  zip: ReconZipOptions | null;
  /** Service fee rate as decimal text (`'0.006'`) or a number; applied in integer parts per million. */
  feeRate: string | number;
  /** What the summary's total sums (the spec does not say): net (default) or gross. */
  summary?: SummaryBasis;
}

/** What {@link writeReconFiles} wrote. */
export interface WrittenReconFile {
  /** Absolute path of the file on disk (the zip when zipped). */
  path: string;
  /** Name of the CSV (inside the zip when zipped). */
  csvName: string;
  count: number;
  totalFen: Fen;
  settledFen: Fen;
  feeFen: Fen;
  /** Size of the CSV bytes. */
  csvBytes: number;
}

const PPM = 1_000_000n;

/** Parse a fee rate (`0.006`, `0.0038`, `0`) into integer parts per million, exactly. */
export function parseFeeRate(rate: string | number): number {
  const text = String(rate).trim();
  const m = /^(0|[1-9]\d*)(?:\.(\d{1,6}))?$/.exec(text);
  if (!m) throw new RangeError(`fee rate '${text}' is not a decimal between 0 and 1 with at most 6 decimals`);
  const ppm = Number(m[1]) * 1_000_000 + Number((m[2] ?? '').padEnd(6, '0'));
  if (ppm > 1_000_000) throw new RangeError(`fee rate '${text}' is above 1`);
  return ppm;
}

/** Service fee in 分 for a positive amount: round half up of amount × rate, by integer arithmetic. */
export function serviceFee(amount: Fen, ppm: number): Fen {
  return Number((BigInt(amount) * BigInt(ppm) * 2n + PPM) / (2n * PPM));
}

/** `DZ_<busino>_<date>.csv`, or `tmp_DZ_…` for the intraday file (spec 2.7.3). */
export function reconFileName(busino: string, date: string, intraday: boolean): string {
  return `${intraday ? 'tmp_' : ''}DZ_${busino}_${date}.csv`;
}

/** Build the CSV text in the spec 2.7.3.1 layout: summary line, then the detail lines. */
export function buildReconCsv(
  records: readonly ReconRecord[],
  ppm: number,
  basis: SummaryBasis = 'net',
): Omit<WrittenReconFile, 'path' | 'csvName' | 'csvBytes'> & { text: string } {
  const lines: string[] = [];
  let total = 0;
  let gross = 0;
  let settled = 0;
  let fees = 0;
  const ordered = [...records].sort(
    (a, b) => a.time.localeCompare(b.time) || a.orderno.localeCompare(b.orderno),
  );
  for (const r of ordered) {
    const sign = r.type === 'refund' ? -1 : 1;
    const amount = sign * r.amount;
    const fee = sign * serviceFee(r.amount, ppm);
    total += amount;
    gross += r.amount;
    settled += amount - fee;
    fees += fee;
    // The column order lives once, in the reader's list (spec 2.7.3.1); reserved columns stay empty.
    const row = bankRowToFields({
      transno: r.transno,
      impTradeno: r.imp_tradeno,
      orderno: r.orderno,
      time: r.time,
      type: r.type,
      account: r.account ?? '',
      amount,
      settled: amount - fee,
      fee,
      orderDesc: r.orderdesc ?? '',
      channel: r.payType ?? '',
      refundno: r.refundno ?? '',
    });
    lines.push(row.map((c) => csvCell(c, { formulaGuard: false })).join(','));
  }
  const stated = basis === 'gross' ? gross : total;
  const summary = bankSummaryToFields({ count: ordered.length, total: stated, settled }).join(',');
  return {
    text: `${[summary, ...lines].join('\r\n')}\r\n`,
    count: ordered.length,
    totalFen: stated,
    settledFen: settled,
    feeFen: fees,
  };
}

/** Zip `data` as `name` with a password (ZipCrypto by default, AES-256 when asked). */
export async function zipWithPassword(
  name: string,
  data: Uint8Array,
  zip: ReconZipOptions,
): Promise<Uint8Array> {
  const { ZipWriter, Uint8ArrayWriter, Uint8ArrayReader, configure } = await import('@zip.js/zip.js');
  configure({ useWebWorkers: false });
  const writer = new ZipWriter(new Uint8ArrayWriter(), {
    password: zip.password,
    ...(zip.aes ? { encryptionStrength: 3 as const } : { zipCrypto: true }),
  });
  await writer.add(name, new Uint8ArrayReader(data));
  return writer.close();
}

/**
 * Write the day's reconciliation file into `dir`: `DZ_<busino>_<date>.csv`
 * (or `tmp_DZ_…`), GBK by default, inside a password zip of the same stem
 * when `zip` is given. Replaces an earlier version atomically.
 */
export async function writeReconFiles(opts: WriteReconFilesOptions): Promise<WrittenReconFile> {
  const ppm = parseFeeRate(opts.feeRate);
  const day = opts.records.filter((r) => r.time.startsWith(opts.date));
  const built = buildReconCsv(day, ppm, opts.summary);
  let bytes: Uint8Array;
  if ((opts.encoding ?? 'gbk') === 'gbk') {
    const iconv = (await import('iconv-lite')).default;
    bytes = iconv.encode(built.text, 'gbk');
  } else {
    bytes = Buffer.from(built.text, 'utf8');
  }
  const csvName = reconFileName(opts.busino, opts.date, opts.intraday);
  let file = path.join(opts.dir, csvName);
  // The SFTP server may be serving the old file this very moment: never show a half-written one.
  if (opts.zip) {
    file = file.replace(/\.csv$/, '.zip');
    await writeFileAtomic(file, await zipWithPassword(csvName, bytes, opts.zip));
  } else {
    await writeFileAtomic(file, bytes);
  }
  return {
    path: file,
    csvName,
    count: built.count,
    totalFen: built.totalFen,
    settledFen: built.settledFen,
    feeFen: built.feeFen,
    csvBytes: bytes.length,
  };
}

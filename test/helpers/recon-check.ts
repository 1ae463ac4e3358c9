import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll } from 'vitest';
import { formatYuan } from '../../src/core/money.js';
import type { ReconResult } from '../../src/recon/types.js';

// Shared by the `recon check` unit tests: bank and ledger files written into a scratch folder
// (one per test file: vitest loads this module once per test file), and the planted day.

let dir: string | undefined;

/** Create this test file's scratch folder before its tests and remove it after. */
export function useScratchDir(): void {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'imp-recon-check-'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });
}

/** A path inside the scratch folder (created by `useScratchDir`). */
export function scratchPath(...parts: string[]): string {
  if (!dir) throw new Error('no scratch folder: call useScratchDir() in the test file');
  return join(dir, ...parts);
}

/** One detail line of a test bank file; amounts in 分. */
export interface Line {
  orderno: string;
  time: string;
  amount: number;
  fee?: number;
  refundno?: string;
  tradeno?: string;
}

let serial = 0;

/** A bank file in the spec layout; amounts in 分, refunds given positive and written negative. */
export async function bankFile(
  name: string,
  lines: Line[],
  opts: { summary?: [number, number, number]; gbk?: boolean } = {},
) {
  let total = 0;
  let settled = 0;
  const details = lines.map((l) => {
    const sign = l.refundno ? -1 : 1;
    const fee = l.fee ?? 0;
    total += sign * l.amount;
    settled += sign * (l.amount - fee);
    const tradeno = l.tradeno ?? `S${++serial}`;
    return [
      `T${serial}`,
      tradeno,
      l.orderno,
      l.time,
      l.refundno ? '1' : '0',
      '',
      formatYuan(sign * l.amount),
      formatYuan(sign * (l.amount - fee)),
      '',
      '',
      '',
      '',
      formatYuan(sign * fee),
      '',
      '商品',
      '00081',
      l.refundno ?? '',
    ].join(',');
  });
  const [c, t, s] = opts.summary ?? [lines.length, total, settled];
  // the bank's declared shape: CRLF line ends
  const text = `${[`${c},${formatYuan(t)},${formatYuan(s)}`, ...details].join('\r\n')}\r\n`;
  const path = scratchPath(name);
  await writeFile(path, opts.gbk ? iconv.encode(text, 'gbk') : text);
  return path;
}

/** A ledger file with this text, UTF-8 or GBK. */
export async function ledgerFile(name: string, text: string, gbk = false) {
  const path = scratchPath(name);
  await writeFile(path, gbk ? iconv.encode(text, 'gbk') : text);
  return path;
}

/** The differences (or pending items) as sorted [class, id, bank side?, ledger side?] rows. */
export const list = (r: ReconResult, which: 'differences' | 'pending' = 'differences') =>
  r[which]
    .map((d) => [d.class, d.refundno || d.orderno, d.bank ? 'bank' : '-', d.ledger ? 'ledger' : '-'])
    .sort();

/** The planted day's date. */
export const D1 = '20261124';

/** The planted day's bank lines: with {@link PLANTED_LEDGER}, one case of every difference class, and midnight orders. */
export const PLANTED_BANK: readonly Line[] = [
  { orderno: 'O1', time: `${D1}100000`, amount: 100, fee: 1 },
  { orderno: 'O2', time: `${D1}100100`, amount: 200 },
  { orderno: 'O3', time: `${D1}100200`, amount: 300 },
  { orderno: 'O4', time: `${D1}100300`, amount: 400 },
  { orderno: 'O5', time: `${D1}100400`, amount: 500, fee: 5 },
  { orderno: 'O6', time: `${D1}120000`, amount: 600 },
  { orderno: 'O9', time: `${D1}130000`, amount: 900, tradeno: 'DUP9' },
  { orderno: 'O9', time: `${D1}130000`, amount: 900, tradeno: 'DUP9' },
  { orderno: 'O10', time: `${D1}140000`, amount: 1000 },
  { orderno: 'O1', time: `${D1}150000`, amount: 50, refundno: 'R1' },
  { orderno: 'O3', time: `${D1}150100`, amount: 30, refundno: 'R2' },
  { orderno: 'O11', time: `${D1}001000`, amount: 1100 },
  { orderno: 'O13', time: `${D1}004000`, amount: 1300 },
];

/** The planted day's ledger lines (after its header `type,orderno,refundno,amount,status,time,fee`). */
export const PLANTED_LEDGER: readonly string[] = [
  `pay,O1,,100,success,${D1}100000,1`,
  `pay,O2,,150,success,${D1}100100,`,
  `pay,O3,,350,success,${D1}100200,`,
  `pay,O4,,400,pending,${D1}100300,`,
  `pay,O5,,500,success,${D1}100400,4`,
  `pay,O7,,700,success,${D1}110000,`,
  `pay,O8,,800,failed,${D1}110100,`,
  `pay,O9,,900,success,${D1}130000,`,
  `pay,O10,,1000,failed,${D1}140000,`,
  `pay,O10,,1000,success,${D1}140000,`,
  `refund,O1,R1,50,success,${D1}150000,`,
  `refund,O3,R2,20,success,${D1}150100,`,
  `pay,O12,,1200,success,${D1}235000,`,
];

/** The planted day: its bank file and ledger hold one case of every difference class, and midnight orders. */
export async function plantedDay() {
  const bank = await bankFile(`DZ_1_${D1}.csv`, [...PLANTED_BANK]);
  const ledger = await ledgerFile(
    `ledger_${D1}.csv`,
    ['type,orderno,refundno,amount,status,time,fee', ...PLANTED_LEDGER].join('\n'),
  );
  return { bank, ledger };
}

/** What the planted day (plantedDay) holds: its differences and pending items, as [class, id, bank, ledger]. */
export const PLANTED_DIFFERENCES: readonly (readonly [string, string, string, string])[] = [
  ['short', 'O2', 'bank', 'ledger'],
  ['long', 'O3', 'bank', 'ledger'],
  ['status_mismatch', 'O4', 'bank', 'ledger'],
  ['fee_mismatch', 'O5', 'bank', 'ledger'],
  ['platform_missing', 'O6', 'bank', '-'],
  ['platform_missing', 'O13', 'bank', '-'],
  ['bank_missing', 'O7', '-', 'ledger'],
  ['duplicate', 'O9', 'bank', '-'],
  ['duplicate', 'O10', '-', 'ledger'],
  ['short', 'R2', 'bank', 'ledger'],
];
export const PLANTED_PENDING: readonly (readonly [string, string, string, string])[] = [
  ['pending_cross_day', 'O11', 'bank', '-'],
  ['pending_cross_day', 'O12', '-', 'ledger'],
];

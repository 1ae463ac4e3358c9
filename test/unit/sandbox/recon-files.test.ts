import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BlobReader, configure, Uint8ArrayWriter, ZipReader } from '@zip.js/zip.js';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { formatYuan, parseDecimalYuan } from '../../../src/core/money.js';
import { parseBankFields } from '../../../src/recon/bank-columns.js';
import {
  parseFeeRate,
  type ReconRecord,
  serviceFee,
  writeReconFiles,
} from '../../../src/sandbox/recon-files.js';

configure({ useWebWorkers: false });
const dir = mkdtempSync(path.join(tmpdir(), 'imp-reconfiles-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const records: ReconRecord[] = [
  {
    transno: 'ORDE2026010100000002',
    imp_tradeno: '26010110000000000002',
    orderno: 'M002',
    time: '20260101120000',
    type: 'pay',
    amount: 10_050,
    account: 'o***x',
    orderdesc: '咖啡,大杯 "热"',
    payType: '00081',
  },
  {
    transno: 'ORDE2026010100000001',
    imp_tradeno: '26010110000000000001',
    orderno: 'M001',
    time: '20260101083000',
    type: 'pay',
    amount: 183,
    payType: '00091',
  },
  {
    transno: 'ORDE2026010100000002',
    imp_tradeno: '26010110000000000003',
    orderno: 'M002',
    time: '20260101130000',
    type: 'refund',
    amount: 2_550,
    payType: '00081',
    refundno: 'R002',
  },
  // Another day: not in this file.
  {
    transno: 'T9',
    imp_tradeno: 'S9',
    orderno: 'M009',
    time: '20260102000001',
    type: 'pay',
    amount: 1,
    payType: '00015',
  },
];

function detail(text: string): string[][] {
  // Simple enough for this fixture: only the orderdesc column is quoted.
  return text
    .trim()
    .split('\r\n')
    .slice(1)
    .map((l) => l.replace(/"(?:[^"]|"")*"/, 'Q').split(','));
}

describe('fee arithmetic', () => {
  it('parses rates exactly and rounds half up in integer 分', () => {
    expect(parseFeeRate('0.006')).toBe(6000);
    expect(parseFeeRate(0.0038)).toBe(3800);
    expect(parseFeeRate('0')).toBe(0);
    expect(() => parseFeeRate('1.5')).toThrow(/above 1/);
    expect(() => parseFeeRate('-0.1')).toThrow();
    expect(serviceFee(10_050, 6000)).toBe(60); // 60.3
    expect(serviceFee(2_550, 6000)).toBe(15); // 15.3
    expect(serviceFee(250, 6000)).toBe(2); // 1.5 rounds up
    expect(serviceFee(9_007_199_254_740, 6000)).toBe(54_043_195_528); // beyond float-safe products
  });
});

describe('writeReconFiles', () => {
  it('writes the spec 2.7 layout in GBK: summary line then 17 columns, refunds negative', async () => {
    const out = path.join(dir, 'plain');
    const res = await writeReconFiles({
      dir: out,
      busino: '448422080620001',
      date: '20260101',
      records,
      intraday: false,
      zip: null,
      feeRate: '0.006',
    });
    expect(path.basename(res.path)).toBe('DZ_448422080620001_20260101.csv');
    const bytes = readFileSync(res.path);
    // 咖 in GBK is B F A 7: the file is GBK, not UTF-8.
    expect(bytes.includes(Buffer.from([0xbf, 0xa7]))).toBe(true);
    expect(bytes.includes(Buffer.from('咖', 'utf8'))).toBe(false);
    const text = iconv.decode(bytes, 'gbk');
    const [summary] = text.split('\r\n');
    const rows = detail(text);
    expect(rows).toHaveLength(3);
    for (const r of rows) expect(r).toHaveLength(17);
    // Ordered by time; the other day's record is absent.
    expect(rows.map((r) => r[2])).toEqual(['M001', 'M002', 'M002']);
    const refund = rows[2] ?? [];
    expect(refund.slice(3, 8)).toEqual(['20260101130000', '1', '', '-25.50', '-25.35']);
    expect(refund[12]).toBe('-0.15');
    expect(refund[16]).toBe('R002');
    expect(rows[1]?.[14]).toBe('Q');
    expect(text).toContain('"咖啡,大杯 ""热"""');
    // Summary equals the detail lines, exactly in 分.
    const sum = (col: number) => rows.reduce((s, r) => s + (parseDecimalYuan(r[col] ?? '') ?? Number.NaN), 0);
    expect(summary).toBe(`3,${formatYuan(sum(6))},${formatYuan(sum(7))}`);
    expect([res.count, res.totalFen, res.settledFen, res.feeFen]).toEqual([
      3,
      183 + 10_050 - 2_550,
      7_637,
      1 + 60 - 15,
    ]);
    // The reader of `imp recon check` accepts every detail line as written.
    const parsed = parse(text, { from_line: 2, relax_quotes: false }) as string[][];
    const read = parsed.map((f, i) => parseBankFields(f, i + 2));
    expect(
      read.map((r) => (typeof r === 'string' ? r : `${r.type}:${r.amount}:${r.fee}:${r.orderDesc}`)),
    ).toEqual(['pay:183:1:', 'pay:10050:60:咖啡,大杯 "热"', 'refund:-2550:-15:']);
    for (const r of rows) {
      const amount = parseDecimalYuan(r[6] ?? '') ?? 0;
      expect((parseDecimalYuan(r[7] ?? '') ?? 0) + (parseDecimalYuan(r[12] ?? '') ?? 0)).toBe(amount);
    }
  });

  it('writes UTF-8 and the intraday name on request', async () => {
    const res = await writeReconFiles({
      dir: path.join(dir, 'utf8'),
      busino: 'B1',
      date: '20260101',
      records,
      intraday: true,
      encoding: 'utf8',
      zip: null,
      feeRate: 0,
    });
    expect(path.basename(res.path)).toBe('tmp_DZ_B1_20260101.csv');
    const text = readFileSync(res.path, 'utf8');
    expect(text.startsWith('3,76.83,76.83\r\n')).toBe(true);
    expect(text).toContain('咖啡');
  });

  it('writes a ZipCrypto zip that Info-ZIP unzip opens with the password and refuses without', async () => {
    const out = path.join(dir, 'zipcrypto');
    const res = await writeReconFiles({
      dir: out,
      busino: 'B1',
      date: '20260101',
      records,
      intraday: false,
      zip: { password: 'zip-pass-123', aes: false },
      feeRate: '0.006',
    });
    expect(readdirSync(out)).toEqual(['DZ_B1_20260101.zip']);
    const bad = spawnSync('unzip', ['-P', 'wrong-pass', '-p', res.path]);
    expect(bad.status).not.toBe(0);
    const csv = execFileSync('unzip', ['-P', 'zip-pass-123', '-p', res.path, 'DZ_B1_20260101.csv']);
    expect(csv.length).toBe(res.csvBytes);
    expect(iconv.decode(csv, 'gbk').split('\r\n')[0]).toBe('3,76.83,76.37');
  });

  it('writes an AES zip that zip.js reads with the password', async () => {
    const res = await writeReconFiles({
      dir: path.join(dir, 'aes'),
      busino: 'B1',
      date: '20260101',
      records,
      intraday: false,
      zip: { password: 'zip-pass-123', aes: true },
      feeRate: '0.006',
    });
    const blob = new Blob([readFileSync(res.path)]);
    const reader = new ZipReader(new BlobReader(blob));
    const [entry] = await reader.getEntries();
    expect(entry?.encrypted).toBe(true);
    expect(entry?.zipCrypto).toBe(false);
    if (!entry || entry.directory) throw new Error('no entry');
    await expect(entry.getData(new Uint8ArrayWriter(), { password: 'nope' })).rejects.toThrow(/password/i);
    const text = iconv.decode(
      Buffer.from(await entry.getData(new Uint8ArrayWriter(), { password: 'zip-pass-123' })),
      'gbk',
    );
    expect(text.split('\r\n')[0]).toBe('3,76.83,76.37');
    await reader.close();
    // Info-ZIP's unzip 6 cannot decrypt AES (method 99): why the fetch side uses zip.js.
    const unzip = spawnSync('unzip', ['-P', 'zip-pass-123', '-p', res.path]);
    expect(unzip.status === 0 && unzip.stdout.length === res.csvBytes).toBe(false);
  });
});

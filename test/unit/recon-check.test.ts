import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatYuan } from '../../src/core/money.js';
import { type LedgerSource, runReconCheck } from '../../src/recon/check.js';
import type { ReconResult } from '../../src/recon/types.js';
import { parseDuration } from '../../src/recon/window.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'imp-recon-check-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Line {
  orderno: string;
  time: string;
  amount: number;
  fee?: number;
  refundno?: string;
  tradeno?: string;
}

let serial = 0;
/** A bank file in the spec layout; amounts in 分, refunds given positive and written negative. */
async function bankFile(
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
  const text = `${[`${c},${formatYuan(t)},${formatYuan(s)}`, ...details].join('\n')}\n`;
  const path = join(dir, name);
  await writeFile(path, opts.gbk ? iconv.encode(text, 'gbk') : text);
  return path;
}

async function ledgerFile(name: string, text: string, gbk = false) {
  const path = join(dir, name);
  await writeFile(path, gbk ? iconv.encode(text, 'gbk') : text);
  return path;
}

const list = (r: ReconResult, which: 'differences' | 'pending' = 'differences') =>
  r[which]
    .map((d) => [d.class, d.refundno || d.orderno, d.bank ? 'bank' : '-', d.ledger ? 'ledger' : '-'])
    .sort();

const D1 = '20261124';

async function plantedDay() {
  const bank = await bankFile(`DZ_1_${D1}.csv`, [
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
  ]);
  const ledger = await ledgerFile(
    `ledger_${D1}.csv`,
    [
      'type,orderno,refundno,amount,status,time,fee',
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
    ].join('\n'),
  );
  return { bank, ledger };
}

describe('recon check', () => {
  it('finds every planted difference class exactly', async () => {
    const { bank, ledger } = await plantedDay();
    const r = await runReconCheck({ file: bank, ledger: { kind: 'file', path: ledger }, window: 1800 });
    expect(list(r)).toEqual(
      [
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
      ].sort(),
    );
    expect(list(r, 'pending')).toEqual([
      ['pending_cross_day', 'O11', 'bank', '-'],
      ['pending_cross_day', 'O12', '-', 'ledger'],
    ]);
    const s = r.summary;
    // O1, O10 (the success line of the duplicated pair wins), O9 once, R1
    expect(s.classes.matched).toEqual({ count: 4, bankAmount: 100 + 900 + 1000 + 50, ledgerAmount: 2050 });
    expect(s.classes.short).toEqual({ count: 2, bankAmount: 230, ledgerAmount: 170 });
    expect(s.selfCheck.ok).toBe(true);
    expect(s.selfCheck.duplicates).toBe(1);
    expect(s.clean).toBe(false);
    expect(s.differences).toBe(10);
    expect(s.ledger.success.pays).toEqual({
      count: 8,
      amount: 100 + 150 + 350 + 500 + 700 + 900 + 1000 + 1200,
    });
    expect(s.ledger.notSuccess).toBe(2);
    const dupBank = r.differences.find((d) => d.class === 'duplicate' && d.bank)!;
    expect(dupBank.note).toMatch(/line 8/);
    expect(dupBank.bank!.line).toBe(9);
  });

  it('a window of 0 makes the midnight orders real differences', async () => {
    const { bank, ledger } = await plantedDay();
    const r = await runReconCheck({ file: bank, ledger: { kind: 'file', path: ledger }, window: 0 });
    expect(r.pending).toEqual([]);
    expect(list(r).filter(([, id]) => id === 'O11' || id === 'O12')).toEqual([
      ['bank_missing', 'O12', '-', 'ledger'],
      ['platform_missing', 'O11', 'bank', '-'],
    ]);
  });

  it('is clean when both sides agree, and flags a summary line that does not add up', async () => {
    const lines = [
      { orderno: 'A1', time: `${D1}090000`, amount: 1234, fee: 7 },
      { orderno: 'A1', time: `${D1}091000`, amount: 234, fee: 1, refundno: 'AR1' },
    ];
    // a GBK ledger with the Chinese column names recognised without --map
    const ledger = await ledgerFile(
      'clean.csv',
      `业务类型,商户订单号,商户退款单号,金额,状态,交易时间,手续费\n支付,A1,,1234,成功,${D1}090000,7\n退款,A1,AR1,234,退款成功,2026-11-24 09:10:00,1\n`,
      true,
    );
    const ok = await runReconCheck({
      file: await bankFile(`DZ_1_${D1}_ok.csv`, lines, { gbk: true }),
      ledger: { kind: 'file', path: ledger },
      window: 1800,
    });
    expect(ok.summary.clean).toBe(true);
    expect(ok.summary.encoding).toBe('gbk');
    expect(ok.summary.ledger).toMatchObject({ encoding: 'gbk', hasFee: true, malformed: 0 });
    expect(ok.differences).toEqual([]);
    expect(ok.summary.classes.matched.count).toBe(2);

    const bad = await runReconCheck({
      file: await bankFile(`DZ_1_${D1}_sum.csv`, lines, { summary: [3, 1000, 993] }),
      ledger: { kind: 'file', path: ledger },
      window: 1800,
    });
    expect(bad.differences).toEqual([]);
    expect(bad.summary.selfCheck).toMatchObject({
      ok: false,
      count: { stated: 3, found: 2, ok: false },
      total: { stated: 1000, found: 1000, ok: true },
      settled: { stated: 993, found: 994, ok: false },
    });
    expect(bad.summary.clean).toBe(false);
  });

  it('reads other ledger layouts through --map, Chinese values and yuan', async () => {
    const bank = await bankFile(`DZ_1_${D1}_map.csv`, [
      { orderno: 'M1', time: `${D1}090000`, amount: 1050 },
      { orderno: 'M1', time: `${D1}091000`, amount: 50, refundno: 'MR1' },
    ]);
    const ledger = await ledgerFile(
      'map.csv',
      [
        '业务类型,单号,退款号,金额(元),交易状态',
        '支付,M1,,10.50,成功',
        '退款,M1,MR1,0.50,退款成功',
        '支付,M2,,x,成功',
        '支付,M3,,1.00,未知状态',
      ].join('\n'),
    );
    const source: LedgerSource = {
      kind: 'file',
      path: ledger,
      unit: 'yuan',
      map: ['type=业务类型', '单号=orderno', 'refundno=退款号', 'amount=金额(元)'],
    };
    const r = await runReconCheck({ file: bank, ledger: source, window: 1800 });
    expect(r.differences).toEqual([]);
    expect(r.summary.classes.matched.count).toBe(2);
    expect(r.problems.map((p) => [p.source, p.line])).toEqual([
      ['ledger', 4],
      ['ledger', 5],
    ]);
    expect(r.problems[1]!.reason).toMatch(/status '未知状态'/);
    expect(r.summary.clean).toBe(false);
    await expect(
      runReconCheck({ file: bank, ledger: { ...source, map: ['amount=nope'] }, window: 0 }),
    ).rejects.toThrow(/no such column/);
  });

  it('carries midnight orders to the next day and settles them there, idempotently', async () => {
    const { bank, ledger } = await plantedDay();
    const carry = join(dir, 'state', 'carry.json');
    const day1 = await runReconCheck({
      file: bank,
      ledger: { kind: 'file', path: ledger },
      window: 1800,
      carry,
    });
    expect(day1.summary.carry).toMatchObject({ carriedIn: 0, carriedOut: 2 });
    const state = JSON.parse(await readFile(carry, 'utf8'));
    expect(Object.keys(state.days)).toEqual([D1]);

    const D2 = '20261125';
    // the bank settles O12 after midnight; the ledger books O11 (and O14, never settled) on day 2
    const bank2 = await bankFile(`DZ_1_${D2}.csv`, [
      { orderno: 'O12', time: `${D2}000020`, amount: 1200 },
      { orderno: 'P1', time: `${D2}100000`, amount: 10 },
    ]);
    const ledger2 = await ledgerFile(
      `ledger_${D2}.csv`,
      `type,orderno,refundno,amount,status,time\npay,O11,,1100,success,${D2}080000\npay,P1,,10,success,${D2}100000\n`,
    );
    const run2 = () =>
      runReconCheck({ file: bank2, ledger: { kind: 'file', path: ledger2 }, window: 1800, carry });
    const day2 = await run2();
    expect(day2.differences).toEqual([]);
    expect(day2.pending).toEqual([]);
    expect(day2.summary.classes.matched.count).toBe(3);
    expect(day2.summary.clean).toBe(true);
    expect(day2.summary.carry).toMatchObject({ from: D1, carriedIn: 2, carriedOut: 0 });
    // a cron re-run of day 2 settles the same items again
    const again = await run2();
    expect(again.summary.clean).toBe(true);
    expect(again.summary.classes.matched.count).toBe(3);

    // a carried item the next day does not settle becomes a real difference
    const bank3 = await bankFile(`DZ_1_${D2}_x.csv`.replace('_x', ''), [
      { orderno: 'P1', time: `${D2}100000`, amount: 10 },
    ]);
    const day2b = await runReconCheck({
      file: bank3,
      ledger: { kind: 'file', path: ledger2 },
      window: 1800,
      carry,
    });
    expect(list(day2b)).toEqual([['bank_missing', 'O12', '-', 'ledger']]);
    expect(day2b.differences[0]!.note).toMatch(new RegExp(`carried from ${D1}`));

    // an intraday file reads the carried items but leaves the state alone
    const before = await readFile(carry, 'utf8');
    const intra = await bankFile(`tmp_DZ_1_${D2}.csv`, [
      { orderno: 'O12', time: `${D2}000020`, amount: 1200 },
    ]);
    const partial = await runReconCheck({
      file: intra,
      ledger: { kind: 'file', path: ledger2 },
      window: 1800,
      carry,
    });
    expect(partial.summary.informational).toBe(true);
    expect(partial.summary.carry).toMatchObject({ carriedIn: 2, carriedOut: 0 });
    expect(await readFile(carry, 'utf8')).toBe(before);
  });

  it('parses window durations', () => {
    expect(parseDuration('30m')).toBe(1800);
    expect(parseDuration('1h')).toBe(3600);
    expect(parseDuration('90s')).toBe(90);
    expect(parseDuration('1h30m')).toBe(5400);
    expect(parseDuration('0')).toBe(0);
    expect(() => parseDuration('30')).toThrow(/duration/);
    expect(() => parseDuration('13h')).toThrow(/12h/);
  });
});

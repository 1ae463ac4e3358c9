import { describe, expect, it } from 'vitest';
import { type LedgerSource, runReconCheck } from '../../../src/recon/check.js';
import { parseDuration } from '../../../src/recon/window.js';
import {
  bankFile,
  D1,
  ledgerFile,
  list,
  PLANTED_DIFFERENCES,
  PLANTED_PENDING,
  plantedDay,
  useScratchDir,
} from '../../helpers/recon-check.js';

// One day's check: the difference classes, the window, ledger layouts. Carrying midnight orders
// to the next day is in recon-check-carry.
useScratchDir();

describe('recon check', () => {
  it('finds every planted difference class exactly', async () => {
    const { bank, ledger } = await plantedDay();
    const r = await runReconCheck({ file: bank, ledger: { kind: 'file', path: ledger }, window: 1800 });
    expect(list(r)).toEqual(PLANTED_DIFFERENCES.map((d) => [...d]).sort());
    expect(list(r, 'pending')).toEqual(PLANTED_PENDING.map((d) => [...d]));
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

import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { runReconCheck } from '../../../src/recon/check.js';
import {
  bankFile,
  D1,
  ledgerFile,
  list,
  plantedDay,
  scratchPath,
  useScratchDir,
} from '../../helpers/recon-check.js';

useScratchDir();

describe('recon check', () => {
  it('carries midnight orders to the next day and settles them there, idempotently', async () => {
    const { bank, ledger } = await plantedDay();
    const carry = scratchPath('state', 'carry.json');
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
});

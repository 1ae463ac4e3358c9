import { describe, expect, it } from 'vitest';
import { runReconCheck } from '../../../src/recon/check.js';
import {
  bankFile,
  D1,
  type Line,
  ledgerFile,
  list,
  PLANTED_BANK,
  PLANTED_DIFFERENCES,
  PLANTED_LEDGER,
  PLANTED_PENDING,
  useScratchDir,
} from '../../helpers/recon-check.js';

// The planted day repeated 4,000 times under different order numbers (52,000 lines a side):
// past the ledger index's pages, its key-byte pages, its table's and the duplicate check's
// growth, with order numbers that are ASCII, Chinese (not Latin-1) or 200 characters long.
// Every block must come out exactly as the single planted day does.
useScratchDir();

const BLOCKS = 4000;
const prefix = (k: number) =>
  k % 3 === 0 ? `B${k}-` : k % 3 === 1 ? `订单${k}-` : `L${'x'.repeat(200)}${k}-`;

const everyBlock = (rows: readonly (readonly string[])[]) =>
  Array.from({ length: BLOCKS }, (_, k) => rows.map(([c, id, b, l]) => [c!, prefix(k) + id, b!, l!]))
    .flat()
    .sort();

describe('recon check on a larger day', () => {
  it('finds every planted difference of 4,000 blocks exactly, whatever the order numbers', async () => {
    const bankLines: Line[] = [];
    const ledgerLines = ['type,orderno,refundno,amount,status,time,fee'];
    for (let k = 0; k < BLOCKS; k++) {
      const p = prefix(k);
      for (const l of PLANTED_BANK) {
        bankLines.push({
          ...l,
          orderno: p + l.orderno,
          refundno: l.refundno && p + l.refundno,
          tradeno: l.tradeno && `${l.tradeno}-${k}`,
        });
      }
      for (const text of PLANTED_LEDGER) {
        const f = text.split(',');
        f[1] = p + f[1];
        if (f[2]) f[2] = p + f[2];
        ledgerLines.push(f.join(','));
      }
    }
    const bank = await bankFile(`DZ_1_${D1}.csv`, bankLines);
    const ledger = await ledgerFile(`ledger_${D1}.csv`, ledgerLines.join('\n'));
    const r = await runReconCheck({ file: bank, ledger: { kind: 'file', path: ledger }, window: 1800 });

    expect(list(r)).toEqual(everyBlock(PLANTED_DIFFERENCES));
    expect(list(r, 'pending')).toEqual(everyBlock(PLANTED_PENDING));
    const s = r.summary;
    expect(s.classes.matched).toEqual({
      count: 4 * BLOCKS,
      bankAmount: (100 + 900 + 1000 + 50) * BLOCKS,
      ledgerAmount: 2050 * BLOCKS,
    });
    expect(s.classes.short).toEqual({
      count: 2 * BLOCKS,
      bankAmount: 230 * BLOCKS,
      ledgerAmount: 170 * BLOCKS,
    });
    expect(s.selfCheck.ok).toBe(true);
    expect(s.selfCheck.duplicates).toBe(BLOCKS);
    expect(s.ledger.entries).toBe(12 * BLOCKS);
    expect(s.ledger.success.refunds).toEqual({ count: 2 * BLOCKS, amount: 70 * BLOCKS });
    // the ledger lines come back whole: a refund's orderno, times, fees and line numbers
    const byId = new Map(r.differences.map((d) => [`${d.class} ${d.refundno || d.orderno}`, d]));
    for (const k of [0, 1, 2, BLOCKS - 1]) {
      const p = prefix(k);
      expect(byId.get(`short ${p}R2`)!.ledger).toEqual({
        type: 'refund',
        orderno: `${p}O3`,
        refundno: `${p}R2`,
        amount: 20,
        status: 'success',
        time: `${D1}150100`,
        fee: undefined,
        line: 13 * k + 13,
        carriedFrom: undefined,
      });
      expect(byId.get(`fee_mismatch ${p}O5`)!.ledger).toMatchObject({ fee: 4, line: 13 * k + 6 });
      // the failed line of a repeated key gives way to its success line
      expect(byId.get(`duplicate ${p}O10`)!.note).toBe(
        `ledger line ${13 * k + 11} repeats line ${13 * k + 10}`,
      );
    }
  });
});

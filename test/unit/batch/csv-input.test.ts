import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type CsvRow, readCsvRows } from '../../../src/batch/csv-input.js';
import { REFUND_BATCH_COLUMNS } from '../../../src/commands/refund/batch.js';

const dir = mkdtempSync(path.join(tmpdir(), 'imp-csv-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
}

async function rows(p: string): Promise<CsvRow[]> {
  const out: CsvRow[] = [];
  for await (const row of readCsvRows(p, REFUND_BATCH_COLUMNS)) out.push(row);
  return out;
}

describe('readCsvRows', () => {
  it('reads a file many read-chunks long intact, multi-byte text split across chunk edges included', async () => {
    // Three-byte characters at every offset against the 4 KiB reads: some fall across an edge.
    const reasons = ['客户退货', '重复支付，退回', 'a退款b'];
    const lines = ['\uFEFForderno,amount_fen,reason'];
    for (let i = 0; i < 900; i++)
      lines.push(`o${String(i).padStart(5, '0')},${100 + i},${reasons[i % 3]}${i}`);
    const p = file('big.csv', `${lines.join('\r\n')}\r\n`);
    const got = await rows(p);
    expect(got).toHaveLength(900);
    got.forEach((row, i) => {
      expect(row.line).toBe(i + 2);
      expect(row.values).toEqual({
        orderno: `o${String(i).padStart(5, '0')}`,
        amount_fen: String(100 + i),
        reason: `${reasons[i % 3]}${i}`,
      });
    });
  });

  it('names the file and line of a bad header, an empty required cell and a row too long', async () => {
    await expect(rows(file('h.csv', 'orderno,amount\nA,1\n'))).rejects.toThrow(
      /^h\.csv:1: missing column amount_fen; unknown column amount/,
    );
    await expect(rows(file('e.csv', 'orderno,amount_fen\nA,1\n,2\n'))).rejects.toThrow(
      'e.csv:3: column orderno is empty',
    );
    await expect(rows(file('l.csv', 'orderno,amount_fen\nA,1,x\n'))).rejects.toThrow(
      'l.csv:2: 3 values for 2 columns',
    );
    await expect(rows(file('empty.csv', ''))).rejects.toThrow('empty.csv: empty batch file');
    await expect(rows(path.join(dir, 'missing.csv'))).rejects.toThrow(
      /cannot read the batch file \(ENOENT\)/,
    );
  });
});

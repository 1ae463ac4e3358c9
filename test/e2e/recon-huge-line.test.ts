import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImpMeasured } from '../helpers/cli.js';

// One huge line in the bank file or the ledger costs time and memory linear in the file and
// bounded by the line limit (issue 12: a 300 MB line took 66 s and 1.28 GB).
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'imp-huge-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const DAY = '20261124';
const detail = (n: number) => `T${n},S${n},O${n},${DAY}10101${n},0,,1.00,1.00,,,,,0.00,,goods,00081,`;
const HUGE_MB = 100;

/** `head`, then HUGE_MB MiB of one line without a line end in sight, then `tail`. */
async function withHugeLine(name: string, head: string, tail: string) {
  const path = join(dir, name);
  const fh = await open(path, 'w');
  await fh.write(head);
  const mib = Buffer.alloc(1024 * 1024, 'x');
  for (let i = 0; i < HUGE_MB; i++) await fh.write(mib);
  await fh.write(tail);
  await fh.close();
  return path;
}

describe('recon check on a huge line', () => {
  it(`a ${HUGE_MB} MiB line in the bank file and in the ledger: one unreadable line each, bounded memory`, async () => {
    const bank = await withHugeLine(
      `DZ_9_${DAY}.csv`,
      `2,2.00,2.00\r\n${detail(1)}\r\n`,
      `\r\n${detail(2)}\r\n`,
    );
    const ledger = await withHugeLine(
      'ledger.csv',
      'type,orderno,refundno,amount,status\npay,O1,,100,success\n',
      '\npay,O2,,100,success\n',
    );
    const r = await runImpMeasured(['recon', 'check', bank, '--ledger', ledger, '--json']);
    console.log(
      `recon check, ${HUGE_MB} MiB line in each file (${2 * HUGE_MB} MiB read): ${r.ms} ms, peak RSS ${r.peakMiB} MiB`,
    );
    expect(r.code).toBe(5);
    const json = JSON.parse(r.stdout);
    expect(
      json.problems.map((p: { source: string; line: number; reason: string }) => [
        p.source,
        p.line,
        p.reason,
      ]),
    ).toEqual([
      ['ledger', 3, 'line longer than 65536 bytes'],
      ['bank', 3, 'line longer than 65536 bytes'],
    ]);
    expect(json.summary.classes.matched.count).toBe(2);
    // the file is read once in 64 KiB pieces; a held line would be 100+ MiB by itself
    expect(r.peakMiB).toBeLessThan(150);
  }, 120_000);
});

import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createContext } from '../../../src/cli/kit/context.js';
import { renderRecon } from '../../../src/commands/recon/render.js';
import { runReconCheck } from '../../../src/recon/check.js';
import { type ReconRecord, writeReconFiles } from '../../../src/sandbox/recon-files.js';
import { bankFile, D1, scratchPath, useScratchDir } from '../../helpers/recon-check.js';

// The summary's total (本批处理成功的交易总金额) may be net or gross: the spec does not say.
// Either is accepted when it matches, the check says which, a mismatch shows both (issue 13).
useScratchDir();

const records: ReconRecord[] = [
  { transno: 'T1', imp_tradeno: 'S1', orderno: 'O1', time: `${D1}100000`, type: 'pay', amount: 10_000 },
  { transno: 'T2', imp_tradeno: 'S2', orderno: 'O2', time: `${D1}110000`, type: 'pay', amount: 5_000 },
  {
    transno: 'T1',
    imp_tradeno: 'S3',
    orderno: 'O1',
    time: `${D1}120000`,
    type: 'refund',
    amount: 2_500,
    refundno: 'R1',
  },
];

/** The sandbox's writer, with the summary written on this basis. */
async function sandboxFile(summary: 'net' | 'gross') {
  const dir = scratchPath(summary);
  const w = await writeReconFiles({
    dir,
    busino: '1',
    date: D1,
    records,
    intraday: false,
    zip: null,
    feeRate: '0',
    summary,
  });
  return w;
}

function rendered(r: Awaited<ReturnType<typeof runReconCheck>>) {
  const stdout = new PassThrough();
  const ctx = createContext(
    { json: false, input: false, yes: false, verbose: false, debug: false },
    {
      env: { NO_COLOR: '1' },
      cwd: '/',
      streams: { stdout, stderr: new PassThrough(), stdin: { isTTY: false } },
    },
  );
  renderRecon(ctx.out, r);
  return String(stdout.read() ?? '');
}

describe('recon check: the summary total, net or gross', () => {
  it('a net total (payments less refunds) is accepted and named', async () => {
    const w = await sandboxFile('net');
    expect(w.totalFen).toBe(12_500);
    const r = await runReconCheck({ file: w.path, ledger: { kind: 'none' }, window: 0 });
    expect(r.summary.selfCheck.total).toMatchObject({
      stated: 12_500,
      net: 12_500,
      gross: 17_500,
      basis: 'net',
      ok: true,
    });
    expect(r.summary.clean).toBe(true);
    expect(rendered(r)).toContain('total: 125.00 (net: payments less refunds)');
  });

  it('a gross total (refunds counted positive) is accepted and named', async () => {
    const w = await sandboxFile('gross');
    expect(w.totalFen).toBe(17_500);
    const r = await runReconCheck({ file: w.path, ledger: { kind: 'none' }, window: 0 });
    expect(r.summary.selfCheck.total).toMatchObject({ stated: 17_500, basis: 'gross', ok: true });
    expect(r.summary.clean).toBe(true);
    expect(rendered(r)).toContain('total: 175.00 (gross: refunds counted positive)');
  });

  it('a total that is neither: a difference, shown against both readings', async () => {
    const file = await bankFile(
      `DZ_1_${D1}.csv`,
      [
        { orderno: 'O1', time: `${D1}100000`, amount: 10_000 },
        { orderno: 'O1', time: `${D1}120000`, amount: 2_500, refundno: 'R1' },
      ],
      { summary: [2, 10_000, 7_500] },
    );
    const r = await runReconCheck({ file, ledger: { kind: 'none' }, window: 0 });
    expect(r.summary.selfCheck.total).toMatchObject({ stated: 10_000, net: 7_500, gross: 12_500, ok: false });
    expect(r.summary.selfCheck.total.basis).toBeUndefined();
    expect(r.summary.clean).toBe(false);
    expect(rendered(r)).toContain('total: 100.00 ≠ net 75.00 / gross 125.00');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cstParts } from '../../src/core/time.js';
import { generateOrderNo } from '../../src/protocol/ids.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

// `recon check --journal` with an order the bank settled while imp's journal still waits for
// its outcome (issue 16): counted as "unsettled locally", not "status differs"; --resolve
// settles it first.
let t: TestSandbox;
beforeAll(async () => {
  // no auto-pay: the customer pays when the test says so
  t = await startTestSandbox({ sftpPort: 0, autoPayAfterMs: 3_600_000 });
});
afterAll(async () => {
  await t?.close();
});

async function fetchFile(date: string): Promise<string> {
  const r = await t.runCli(['--json', 'recon', 'fetch', '--date', date, '--force']);
  expect(r.code, r.stdout + r.stderr).toBe(0);
  return (JSON.parse(r.stdout).files as { path: string }[])[0]!.path;
}

describe('imp recon check --journal: entries unsettled locally', () => {
  it('counts them apart, says how many, names the resolve command; --resolve settles them first', async () => {
    const orderno = generateOrderNo();
    const qr = await t.runCli([
      '--json',
      '--yes',
      'qrcode',
      '--order',
      orderno,
      '--amount',
      '12.00',
      '--title',
      '对账',
      '--desc',
      '本地未决',
    ]);
    expect(qr.code, qr.stdout + qr.stderr).toBe(0);
    // the customer pays; imp has not asked since
    expect(await t.sandbox.pay(orderno)).toBe('paid');
    const date = t.sandbox.order(orderno)?.finalTime?.slice(0, 8) ?? cstParts().date;
    await t.sandbox.settle(date);
    const file = await fetchFile(date);

    const before = await t.runCli(['recon', 'check', file, '--journal', '--window', '0', '--json']);
    expect(before.code, before.stderr).toBe(5);
    const doc = JSON.parse(before.stdout);
    expect(doc.differences.map((d: { class: string; orderno: string }) => [d.class, d.orderno])).toEqual([
      ['unsettled_local', orderno],
    ]);
    expect(doc.summary.classes.status_mismatch.count).toBe(0);
    expect(doc.summary.classes.unsettled_local.count).toBe(1);

    const shown = await t.runCli(['recon', 'check', file, '--journal', '--window', '0']);
    expect(shown.code).toBe(5);
    expect(shown.stdout).toContain('unsettled locally');
    expect(shown.stdout).not.toContain('status differs');
    expect(shown.stderr).toContain('1 entry the bank settled is unsettled locally');
    expect(shown.stderr).toContain(`imp -c ${t.configPath} -p sandbox journal resolve`);
    expect(shown.stderr).toContain('--resolve');

    const resolved = await t.runCli([
      'recon',
      'check',
      file,
      '--journal',
      '--window',
      '0',
      '--resolve',
      '--json',
    ]);
    expect(resolved.code, resolved.stdout + resolved.stderr).toBe(0);
    expect(resolved.stderr).toContain('resolved 1 unsettled journal entry first (0 still unknown)');
    expect(JSON.parse(resolved.stdout).summary.classes.matched.count).toBe(1);
  }, 60_000);
});

describe('imp sandbox --summary gross', () => {
  it('writes the gross total, and recon check accepts it and says so', async () => {
    await t.restart({ summary: 'gross' });
    const orderno = generateOrderNo();
    // an amount ending in 01 is paid at once by the sandbox
    const qr = await t.runCli([
      '--json',
      '--yes',
      'qrcode',
      '--order',
      orderno,
      '--amount',
      '30.01',
      '--title',
      '总额',
      '--desc',
      '总额',
    ]);
    expect(qr.code, qr.stdout + qr.stderr).toBe(0);
    const refund = await t.runCli(['--json', '--yes', 'refund', orderno, '--amount', '5.00', '--wait', '10']);
    expect(refund.code, refund.stdout + refund.stderr).toBe(0);
    const date = t.sandbox.order(orderno)?.finalTime?.slice(0, 8) ?? cstParts().date;
    const written = await t.sandbox.settle(date);
    const file = await fetchFile(date);
    const r = await t.runCli(['recon', 'check', file, '--json']);
    const total = JSON.parse(r.stdout).summary.selfCheck.total;
    expect(total.basis).toBe('gross');
    expect(total.stated).toBe(written.totalFen);
    expect(total.gross - total.net).toBe(2 * 500);
  }, 60_000);
});

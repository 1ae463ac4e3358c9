import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cstParts } from '../../src/core/time.js';
import { generateOrderNo } from '../../src/protocol/ids.js';
import { callSandbox, qrOrder, startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox({ sftpPort: 0 });
});
afterAll(async () => {
  await t?.close();
});

/** The user's way to the file: `imp recon fetch` over SFTP (password zip, GBK). */
async function fetchFile(date: string): Promise<string> {
  const r = await t.runCli(['--json', 'recon', 'fetch', '--date', date, '--force']);
  expect(r.code, r.stdout + r.stderr).toBe(0);
  const files = JSON.parse(r.stdout).files as { path: string }[];
  expect(files).toHaveLength(1);
  return files[0]!.path;
}

describe('imp recon check against a file the sandbox settled', () => {
  it('matches the journal of real orders, then finds an order the journal lacks', async () => {
    const paid = generateOrderNo();
    // an amount ending in 01 is paid at once by the sandbox
    const pay = await t.runCli([
      '--json',
      '--yes',
      'qrcode',
      '--order',
      paid,
      '--amount',
      '12.01',
      '--title',
      '对账',
      '--desc',
      '对账测试',
    ]);
    expect(pay.code, pay.stdout + pay.stderr).toBe(0);
    const refund = await t.runCli(['--json', '--yes', 'refund', paid, '--amount', '2.00', '--wait', '10']);
    expect(refund.code, refund.stdout + refund.stderr).toBe(0);

    const date = t.sandbox.order(paid)?.finalTime?.slice(0, 8) ?? cstParts().date;
    const written = await t.sandbox.settle(date);
    expect(written.count).toBe(2);
    const file = await fetchFile(date);
    expect(path.basename(file)).toBe(`DZ_${t.sandbox.identity.busino}_${date}.csv`);

    const clean = await t.runCli(['--json', 'recon', 'check', file, '--journal', '--window', '0']);
    expect(clean.code, clean.stdout + clean.stderr).toBe(0);
    const doc = JSON.parse(clean.stdout);
    expect(doc.summary.encoding).toBe('gbk');
    expect(doc.summary.selfCheck.ok).toBe(true);
    expect(doc.summary.classes.matched.count).toBe(2);
    expect(doc.differences).toEqual([]);

    // an order paid outside imp (not journaled) is in the bank file only
    const other = generateOrderNo();
    const outside = await callSandbox(t.sandbox, 'qrcode', qrOrder(501, { orderno: other }));
    expect(outside.fields.status).toBe('0');
    await t.sandbox.settle(date);
    const diff = await t.runCli([
      '--json',
      'recon',
      'check',
      await fetchFile(date),
      '--journal',
      '--window',
      '0',
    ]);
    expect(diff.code).toBe(5);
    const doc2 = JSON.parse(diff.stdout);
    expect(doc2.differences.map((d: { class: string; orderno: string }) => [d.class, d.orderno])).toEqual([
      ['platform_missing', other],
    ]);
  });
});

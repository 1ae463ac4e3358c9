import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

// `imp query --refund <refundno>` without --order: the journal names the refund's order.
let sb: TestSandbox;
beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(async () => {
  await sb?.close();
});

describe('query --refund without --order', () => {
  it('finds the order in the journal and queries the refund', async () => {
    const no = `q${Date.now()}`;
    // …01: paid at once
    const pay = await sb.runCli(['pay', '--order', no, '--amount', '2.01', '--title', 't', '--desc', 'd']);
    expect(pay.code).toBe(0);
    const refund = await sb.runCli(['--json', '--yes', 'refund', no, '--amount', '0.50']);
    expect(refund.code).toBe(0);
    const refundno = JSON.parse(refund.stdout).request.refundno as string;
    expect(refundno).toBeTruthy();

    const q = await sb.runCli(['--json', 'query', '--refund', refundno, '--wait', '10']);
    expect([q.code, q.stderr]).toEqual([0, expect.any(String)]);
    expect(JSON.parse(q.stdout)).toMatchObject({
      state: 'success',
      txn: 'refundquery',
      request: { refundno, orderno: no },
    });
  });

  it('a refund the journal does not know: one usage line naming --order (exit 2)', async () => {
    const q = await sb.runCli(['query', '--refund', 'R-not-journaled-1']);
    expect(q.code).toBe(2);
    expect(q.stderr).toContain('--order');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { imp, journalOf, paidOrder, sandboxRefunds } from './refund-harness.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox({
    refundDelayMs: 100,
    slowAnswerMs: 2500,
    profile: { http: { timeoutMs: 1000, connectTimeoutMs: 1000 } },
  });
});
afterAll(async () => {
  await t?.close();
});

async function journaled(refundno: string) {
  return (await journalOf(t).find({ refundno, txn: 'refund' }))[0];
}

describe('imp refund under every fault the sandbox injects: one refund at most, never lost', () => {
  // refund_amt ending in 93 drop, 94 delay past the timeout, 96 broken signature: the refund IS recorded
  for (const [cents, exit, fault] of [
    ['93', 3, 'dropped connection'],
    ['94', 3, 'answer after the timeout'],
    ['96', 4, 'bad signature'],
  ] as const) {
    it(`${fault}: exit ${exit} naming the refund query and --resume; resume settles it; no second refund`, async () => {
      const orderno = await paidOrder(t, 1000);
      const r = await imp(t, ['--yes', 'refund', orderno, '--amount', `1.${cents}`]);
      expect(r.code).toBe(exit);
      const refundno = r.error?.ids.refundno as string;
      expect(refundno).toBeTruthy();
      expect(r.stderr).toContain(
        `imp -c ${t.env.IMP_CONFIG} -p sandbox query --refund ${refundno} --order ${orderno}`,
      );
      expect(r.stderr).toContain(`imp -c ${t.env.IMP_CONFIG} -p sandbox refund --resume ${refundno}`);
      expect((await journaled(refundno))?.state).toBe('unknown');

      const resumed = await imp(t, ['--json', 'refund', '--resume', refundno, '--wait', '10']);
      expect(resumed.code).toBe(0);
      expect(resumed.json).toMatchObject({
        state: 'success',
        response: { refundno },
        journal: { found: true },
      });
      expect((await journaled(refundno))?.state).toBe('success');
      expect(sandboxRefunds(t, orderno).map((x) => x.refundno)).toEqual([refundno]);

      // the same refund again is the duplicate rule's business, and still nothing is sent
      const again = await imp(t, ['--yes', 'refund', orderno, '--amount', `1.${cents}`]);
      expect(again.code).toBe(2);
      expect(sandboxRefunds(t, orderno)).toHaveLength(1);
    });
  }

  it('HTTP 500 (refund not recorded): exit 3; resume finds no refund and records failure; a new number may follow', async () => {
    const orderno = await paidOrder(t, 1000);
    const r = await imp(t, ['--yes', 'refund', orderno, '--amount', '1.95']);
    expect(r.code).toBe(3);
    const refundno = r.error?.ids.refundno as string;
    expect(sandboxRefunds(t, orderno)).toHaveLength(0);
    const resumed = await imp(t, ['refund', '--resume', refundno]);
    expect(resumed.code).toBe(1);
    expect((await journaled(refundno))?.state).toBe('failure');
    const fresh = await imp(t, ['--json', '--yes', 'refund', orderno, '--amount', '2.00']);
    expect(fresh.code).toBe(0);
    expect(fresh.json.refund.refundno).not.toBe(refundno);
    expect(sandboxRefunds(t, orderno)).toHaveLength(1);
  });

  it('an unknown refund that cannot be asked about blocks any new refund of the order (exit 1)', async () => {
    const orderno = await paidOrder(t, 1000);
    const o = t.sandbox.order(orderno);
    const r = await imp(t, ['--yes', 'refund', orderno, '--amount', '1.93']);
    expect(r.code).toBe(3);
    const refundno = r.error?.ids.refundno as string;
    // the platform becomes unreachable: the refund query cannot answer
    await t.sandbox.close();
    try {
      const given = [
        '--transno',
        o?.transno as string,
        '--field',
        `prv_tradeno=${o?.imp_tradeno}`,
        '--field',
        `prv_trdate=${o?.day}`,
        '--field',
        'prv_tramt=1000',
      ];
      const blocked = await imp(t, ['--yes', 'refund', orderno, '--amount', '3.00', ...given]);
      expect(blocked.code).toBe(1);
      expect(blocked.error?.code).toBe('REFUND_UNRESOLVED');
      expect(blocked.stderr).toContain(`imp -c ${t.env.IMP_CONFIG} -p sandbox refund --resume ${refundno}`);
    } finally {
      await t.restart();
    }
    expect(sandboxRefunds(t, orderno).map((x) => x.refundno)).toEqual([refundno]);
    // reachable again: the same command first settles the earlier refund, then proceeds
    const ok = await imp(t, ['--yes', 'refund', orderno, '--amount', '3.00']);
    expect(ok.code).toBe(0);
    expect(sandboxRefunds(t, orderno)).toHaveLength(2);
  });
});

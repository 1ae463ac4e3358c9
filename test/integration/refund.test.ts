import { existsSync, utimesSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { until } from '../helpers/wait.js';
import { imp, journalOf, paidOrder, sandboxRefunds } from './refund-harness.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox({ refundDelayMs: 200 });
});
afterAll(async () => {
  await t?.close();
});

describe('imp refund: the safety rules against the sandbox', () => {
  it('partial refund, then the refund query says refunded; the journal holds both lines', async () => {
    const orderno = await paidOrder(t, 1000);
    const r = await imp(t, [
      '--json',
      '--yes',
      'refund',
      orderno,
      '--amount',
      '3.00',
      '--reason',
      '客户退款',
    ]);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({
      ok: true,
      txn: 'refund',
      refund: { orderno, amount_fen: 300, paid_fen: 1000 },
    });
    const refundno = r.json.refund.refundno as string;
    expect(sandboxRefunds(t, orderno).map((x) => x.refundno)).toEqual([refundno]);

    const q = await until(
      () => imp(t, ['--json', 'query', '--refund', refundno, '--order', orderno]),
      (x) => x.json?.state === 'success',
    );
    expect(q.json).toMatchObject({ state: 'success', response: { refundno, status: '0' } });
    const [entry] = await journalOf(t).find({ refundno, txn: 'refund' });
    expect(entry).toMatchObject({ orderno, amount: 300, state: 'success', finished: true });
  });

  it('refuses an over-refund (exit 1) counting earlier refunds, and sends nothing', async () => {
    const orderno = await paidOrder(t, 500);
    expect((await imp(t, ['--yes', 'refund', orderno, '--amount', '4.00'])).code).toBe(0);
    const r = await imp(t, ['--yes', 'refund', orderno, '--amount', '1.01', '--force']);
    expect(r.code).toBe(1);
    expect(r.error?.code).toBe('OVER_REFUND');
    expect(r.stderr).toContain('at most 1.00 yuan (100 fen)');
    expect(sandboxRefunds(t, orderno)).toHaveLength(1);
    // the rest is still refundable
    expect((await imp(t, ['--yes', 'refund', orderno, '--amount', '1.00'])).code).toBe(0);
    expect(sandboxRefunds(t, orderno)).toHaveLength(2);
  });

  it('refuses an order that is not paid, with its state (exit 1)', async () => {
    const r = await imp(t, ['--yes', 'refund', 'imp-no-such-order-1', '--amount', '1.00']);
    expect(r.code).toBe(1);
    expect(r.error?.code).toBe('PAYMENT_NOT_FOUND');
  });

  it('--void: full amount on the payment day goes as opertype 1; a partial void is refused (exit 2)', async () => {
    const orderno = await paidOrder(t, 800);
    const partial = await imp(t, ['--yes', 'refund', orderno, '--amount', '2.00', '--void']);
    expect(partial.code).toBe(2);
    expect(partial.error?.code).toBe('VOID_RULE');
    expect(sandboxRefunds(t, orderno)).toHaveLength(0);
    const full = await imp(t, ['--json', '--yes', 'refund', orderno, '--amount', '8.00', '--void']);
    expect(full.code).toBe(0);
    expect(full.json.refund.opertype).toBe('1');
    expect(sandboxRefunds(t, orderno).map((x) => x.opertype)).toEqual(['1']);
    // --void takes the whole paid amount without --amount
    const other = await paidOrder(t, 700);
    const whole = await imp(t, ['--json', '--yes', 'refund', other, '--void']);
    expect(whole.code, whole.stderr).toBe(0);
    expect(whole.json.refund).toMatchObject({ opertype: '1', amount_fen: 700 });
    expect(sandboxRefunds(t, other).map((x) => [x.opertype, x.amount])).toEqual([['1', 700]]);
  });

  it('--void on another day than the payment is refused (exit 2)', async () => {
    const orderno = await paidOrder(t, 600);
    const o = t.sandbox.order(orderno);
    const day = o?.day as string;
    // the payment's day as the operator gives it: yesterday
    const y = new Date(Date.UTC(+day.slice(0, 4), +day.slice(4, 6) - 1, +day.slice(6, 8) - 1));
    const yesterday = y.toISOString().slice(0, 10).replaceAll('-', '');
    const r = await imp(t, [
      '--yes',
      'refund',
      orderno,
      '--amount',
      '6.00',
      '--void',
      '--transno',
      o?.transno as string,
      '--field',
      `prv_tradeno=${o?.imp_tradeno}`,
      '--field',
      `prv_trdate=${yesterday}`,
      '--field',
      'prv_tramt=600',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("only on the payment's day");
    expect(sandboxRefunds(t, orderno)).toHaveLength(0);
  });

  it('the same command again resumes an open refund; a second one of the same order and amount needs --again (exit 2 under --yes without it)', async () => {
    const orderno = await paidOrder(t, 1000);
    const first = await imp(t, ['--json', '--yes', 'refund', orderno, '--amount', '2.00']);
    expect(first.code).toBe(0);
    // still open (accepted): running the same command again only asks about it
    const resumed = await imp(t, ['--json', '--yes', 'refund', orderno, '--amount', '2.00']);
    expect(resumed.code).toBe(0);
    expect(resumed.json.resumed).toBe(true);
    expect(resumed.json.refund.refundno).toBe(first.json.refund.refundno);
    expect(sandboxRefunds(t, orderno)).toHaveLength(1);
    const refundno = first.json.refund.refundno as string;
    await until(
      async () => {
        await imp(t, ['refund', '--resume', refundno]);
        return (await journalOf(t).find({ orderno, txn: 'refund' }))[0]?.state;
      },
      (state) => state === 'success',
    );
    const again = await imp(t, ['--yes', 'refund', orderno, '--amount', '2.00']);
    expect(again.code).toBe(2);
    expect(again.error?.code).toBe('DUPLICATE_REFUND');
    expect(again.error?.message).toContain(first.json.refund.refundno);
    expect(sandboxRefunds(t, orderno)).toHaveLength(1);
    // without --yes and without a terminal it cannot ask: usage error, nothing sent
    const noTty = await imp(t, ['refund', orderno, '--amount', '2.00']);
    expect(noTty.code).toBe(2);
    expect(sandboxRefunds(t, orderno)).toHaveLength(1);
    const second = await imp(t, ['--json', '--yes', 'refund', orderno, '--amount', '2.00', '--again']);
    expect(second.code).toBe(0);
    expect(second.json.refund.ordinal).toBe(2);
    expect(sandboxRefunds(t, orderno)).toHaveLength(2);
    await until(
      async () => {
        await imp(t, ['refund', '--resume', second.json.refund.refundno]);
        return (await journalOf(t).find({ orderno, txn: 'refund' }))[1]?.state;
      },
      (state) => state === 'success',
    );
    const forced = await imp(t, ['--yes', 'refund', orderno, '--amount', '2.00', '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stderr).toContain('--force is deprecated');
    expect(sandboxRefunds(t, orderno)).toHaveLength(3);
  });

  it('a refundno is never reused: a failed refund needs a new one (exit 2)', async () => {
    const orderno = await paidOrder(t, 1000);
    // refund_amt ending in 91: accepted, then fails
    const r = await imp(t, ['--json', '--yes', 'refund', orderno, '--amount', '0.91', '--wait', '10']);
    expect(r.code).toBe(1);
    expect(r.json).toMatchObject({ state: 'failure' });
    const refundno = r.json.refund.refundno as string;
    const reuse = await imp(t, ['--yes', 'refund', orderno, '--amount', '1.00', '--refund-no', refundno]);
    expect(reuse.code).toBe(2);
    expect(reuse.error?.code).toBe('REFUNDNO_USED');
    // a new refund (new number) is fine: the failed one holds no amount
    const fresh = await imp(t, ['--json', '--yes', 'refund', orderno, '--amount', '10.00']);
    expect(fresh.code).toBe(0);
    expect(fresh.json.refund.refundno).not.toBe(refundno);
  });

  it('--dry-run prints the signed refund and sends nothing', async () => {
    const orderno = await paidOrder(t, 1000);
    const r = await imp(t, ['--json', 'refund', orderno, '--amount', '1.00', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({
      dryRun: true,
      txn: 'refund',
      fields: { refund_amt: '100', opertype: '2' },
    });
    expect(sandboxRefunds(t, orderno)).toHaveLength(0);
  });

  it('one refund process at a time per profile: a live lock refuses (exit 2), a stale one is taken over', async () => {
    const orderno = await paidOrder(t, 1000);
    const lock = `${journalOf(t).file}.refund.lock`;
    await mkdir(lock, { recursive: true });
    // a live holder refreshes the lock's mtime
    const live = setInterval(() => utimesSync(lock, new Date(), new Date()), 300);
    try {
      const busy = await imp(t, ['--yes', 'refund', orderno, '--amount', '1.00']);
      expect(busy.code).toBe(2);
      expect(busy.error?.code).toBe('REFUND_LOCKED');
    } finally {
      clearInterval(live);
    }
    expect(sandboxRefunds(t, orderno)).toHaveLength(0);
    // left by a process that died: not refreshed for longer than the stale time
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    expect((await imp(t, ['--yes', 'refund', orderno, '--amount', '1.00'])).code).toBe(0);
    expect(sandboxRefunds(t, orderno)).toHaveLength(1);
    expect(existsSync(lock)).toBe(false);
  });

  it('names every missing argument in one usage error without a terminal', async () => {
    const r = await imp(t, ['refund']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('<orderno>, --amount');
  });
});

import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../../src/journal/types.js';
import { journalLedgerRows } from '../../../src/recon/journal-ledger.js';
import { LedgerIndex } from '../../../src/recon/ledger-index.js';
import { SeenKeys } from '../../../src/recon/seen-keys.js';

describe('ledger index', () => {
  it('finds every key after growing, keeps payments and refunds apart, reports repeats', () => {
    const index = new LedgerIndex();
    const n = 5000; // past the initial 1024 slots and several rehashes
    for (let i = 0; i < n; i++) {
      const slot = index.add({
        type: 'pay',
        orderno: `O${i}`,
        refundno: '',
        amount: i + 1,
        status: i % 3 === 0 ? 'failed' : 'success',
        time: '20261124101010',
        fee: i % 2 ? i : undefined,
        line: i + 2,
      });
      expect(slot).toBe(i);
    }
    // a refund numbered like a payment is another key
    expect(
      index.add({
        type: 'refund',
        orderno: 'O1',
        refundno: 'O7',
        amount: 3,
        status: 'success',
        time: '',
        line: 9,
      }),
    ).toBe(n);
    expect(
      index.add({
        type: 'pay',
        orderno: 'O42',
        refundno: '',
        amount: 1,
        status: 'success',
        time: '',
        line: 99,
      }),
    ).toBe(-43);
    for (let i = 0; i < n; i += 97) {
      const slot = index.find('pay', `O${i}`)!;
      expect(index.get(slot)).toEqual({
        type: 'pay',
        orderno: `O${i}`,
        refundno: '',
        amount: i + 1,
        status: i % 3 === 0 ? 'failed' : 'success',
        time: '20261124101010',
        fee: i % 2 ? i : undefined,
        line: i + 2,
        carriedFrom: undefined,
      });
    }
    expect(index.find('pay', `O${n}`)).toBeUndefined();
    expect(index.get(index.find('refund', 'O7')!)).toMatchObject({
      type: 'refund',
      orderno: 'O1',
      refundno: 'O7',
      time: '',
    });
    index.markSeen(index.find('pay', 'O5')!);
    const unseen = [...index.unseen()];
    expect(unseen).toHaveLength(n);
    expect(unseen).not.toContain(5);
  });

  it('gives back keys of any text whole, and a replaced line with its own orderno', () => {
    const index = new LedgerIndex();
    const long = 'L'.repeat(70_000); // longer than a packed key may be
    const keys = ['订单1', 'é-latin1', long, '', 'Ünïcödé-✓', 'x'.repeat(300)];
    for (const [i, key] of keys.entries()) {
      // many keys in between fill several pages of key bytes
      for (let j = 0; j < 2000; j++) {
        index.add({
          type: 'pay',
          orderno: `${i}-${j}-${'p'.repeat(40)}`,
          refundno: '',
          amount: 1,
          status: 'success',
          time: '',
          line: 1,
        });
      }
      const slot = index.add({
        type: 'refund',
        orderno: `${key}/o`,
        refundno: key,
        amount: i,
        status: 'failed',
        time: '',
        line: i,
      });
      expect(index.get(slot)).toMatchObject({
        type: 'refund',
        orderno: `${key}/o`,
        refundno: key,
        amount: i,
      });
    }
    for (const [i, key] of keys.entries()) {
      const slot = index.find('refund', key)!;
      expect(index.get(slot)).toMatchObject({
        orderno: `${key}/o`,
        refundno: key,
        amount: i,
        status: 'failed',
      });
      expect(index.find('pay', key)).toBeUndefined();
      expect(index.find('refund', `${key}?`)).toBeUndefined();
      index.replace(slot, {
        type: 'refund',
        orderno: `其他${i}`,
        refundno: key,
        amount: 7,
        status: 'success',
        time: '20261124000001',
        line: 3,
        carriedFrom: '20261123',
      });
      index.markSeen(slot);
    }
    for (const key of keys) {
      const slot = index.find('refund', key)!;
      expect(index.isSeen(slot)).toBe(true);
      expect(index.get(slot)).toEqual({
        type: 'refund',
        orderno: expect.stringMatching(/^其他\d$/),
        refundno: key,
        amount: 7,
        status: 'success',
        time: '20261124000001',
        fee: undefined,
        line: 3,
        carriedFrom: '20261123',
      });
    }
    expect(index.get(index.find('pay', `5-1999-${'p'.repeat(40)}`)!)).toMatchObject({
      orderno: `5-1999-${'p'.repeat(40)}`,
      carriedFrom: undefined,
    });
  });

  it('remembers hashed keys with the line they were first seen on', () => {
    const seen = new SeenKeys();
    const repeats: number[] = [];
    for (let i = 0; i < 100_000; i++) {
      const first = seen.check(`S2026112400000${i}`, i + 2);
      if (first !== undefined) repeats.push(i);
    }
    expect(repeats).toEqual([]);
    expect(seen.check('S202611240000042', 7)).toBe(44);
    expect(seen.check('S2026112400000x', 8)).toBeUndefined();
  });
});

describe('the journal as a ledger', () => {
  const entry = (e: Partial<JournalEntry>): JournalEntry =>
    ({
      id: Math.random().toString(36),
      profile: 'p',
      history: [],
      finished: true,
      updatedAt: '',
      ...e,
    }) as JournalEntry;

  it('folds sends and queries per order and refund, on the bank day and its midnight window', () => {
    const rows = journalLedgerRows(
      [
        // 2026-11-24 10:00 in Shanghai is 02:00 UTC
        entry({
          txn: 'qrcode',
          orderno: 'J1',
          amount: 1001,
          state: 'pending',
          at: '2026-11-24T02:00:00.000Z',
        }),
        entry({ txn: 'query', orderno: 'J1', state: 'success', at: '2026-11-24T02:01:00.000Z' }),
        entry({ txn: 'pay', orderno: 'J2', amount: 500, state: 'failure', at: '2026-11-24T03:00:00.000Z' }),
        entry({ txn: 'pay', orderno: 'J2', amount: 500, state: 'success', at: '2026-11-24T03:05:00.000Z' }),
        entry({
          txn: 'refund',
          orderno: 'J1',
          refundno: 'JR1',
          amount: 200,
          state: 'success',
          at: '2026-11-24T04:00:00.000Z',
        }),
        // 23:50 the evening before (inside a 30 min window) and 01:00 the day after (outside)
        entry({ txn: 'scan', orderno: 'J3', amount: 1, state: 'success', at: '2026-11-23T15:50:00.000Z' }),
        entry({ txn: 'scan', orderno: 'J4', amount: 1, state: 'success', at: '2026-11-24T17:00:00.000Z' }),
        entry({ txn: 'close', orderno: 'J5', state: 'success', at: '2026-11-24T02:00:00.000Z' }),
      ],
      '20261124',
      1800,
    );
    expect(rows.map((r) => [r.type, r.orderno, r.refundno, r.amount, r.status, r.time])).toEqual([
      ['pay', 'J1', '', 1001, 'success', '20261124100000'],
      ['pay', 'J2', '', 500, 'success', '20261124110500'],
      ['refund', 'J1', 'JR1', 200, 'success', '20261124120000'],
      ['pay', 'J3', '', 1, 'success', '20261123235000'],
    ]);
  });
});

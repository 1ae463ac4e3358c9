import { describe, expect, it } from 'vitest';
import type { BookEntry } from '../../../src/refund/book.js';
import { decideIdentity, decideRow } from '../../../src/refund/decide.js';
import { deriveRefundNo, nextAttempt } from '../../../src/refund/identity.js';

const id = { busino: 'B1', orderno: 'O1', amount: 100, ordinal: 1 };
let n = 0;
const entry = (state: BookEntry['state'], more: Partial<BookEntry> = {}): BookEntry => ({
  id: `e${++n}`,
  txn: 'refund',
  at: '2026-12-03T00:00:00.000Z',
  orderno: 'O1',
  amount: 100,
  state,
  ...more,
});

describe('refund number derived from the identity', () => {
  it('is the same for the same identity and attempt, within 30 bytes, and differs for any other part', () => {
    const no = deriveRefundNo(id, 1);
    expect(no).toBe(deriveRefundNo({ ...id }, 1));
    expect(no).toMatch(/^R1[0-9A-F]{24}$/);
    expect(no.length).toBeLessThanOrEqual(30);
    const others = [
      deriveRefundNo({ ...id, busino: 'B2' }, 1),
      deriveRefundNo({ ...id, orderno: 'O2' }, 1),
      deriveRefundNo({ ...id, amount: 101 }, 1),
      deriveRefundNo({ ...id, ordinal: 2 }, 1),
      deriveRefundNo(id, 2),
    ];
    expect(new Set([no, ...others]).size).toBe(6);
  });

  it('documents its derivation: R1 + the first 24 hex digits of SHA-256 of the identity and attempt', async () => {
    const { createHash } = await import('node:crypto');
    const hex = createHash('sha256').update('imp-refund|B1|O1|100|1|1').digest('hex');
    expect(deriveRefundNo(id, 1)).toBe(`R1${hex.slice(0, 24).toUpperCase()}`);
  });

  it('the attempt goes up only after a certain failure, not after a request that never left', () => {
    expect(nextAttempt([], 1)).toBe(1);
    expect(nextAttempt([entry('not_sent', { attempt: 1 })], 1)).toBe(1);
    expect(nextAttempt([entry('failure', { attempt: 1 })], 1)).toBe(2);
    expect(nextAttempt([entry('failure', { attempt: 1 }), entry('failure', { attempt: 2 })], 1)).toBe(3);
    expect(nextAttempt([entry('failure', { ordinal: 2, attempt: 1 })], 1)).toBe(1);
  });
});

describe('what the same refund command means, whatever time has passed', () => {
  it('nothing before: the first refund', () => {
    expect(decideIdentity([], new Set(), false)).toMatchObject({ kind: 'new', ordinal: 1, attempt: 1 });
  });

  it('an earlier one open when the run started: resumed, never a new one', () => {
    const e = entry('pending');
    expect(decideIdentity([e], new Set([e.id]), false)).toEqual({ kind: 'resumed', entry: e });
    expect(decideIdentity([e], new Set([e.id]), true)).toEqual({ kind: 'resumed', entry: e });
  });

  it('an earlier one final: a second needs --again, which gives the next ordinal', () => {
    const e = entry('success');
    expect(decideIdentity([e], new Set(), false)).toMatchObject({
      kind: 'again-needed',
      earlier: e,
      ordinal: 2,
    });
    expect(decideIdentity([e], new Set(), true)).toMatchObject({
      kind: 'new',
      ordinal: 2,
      attempt: 1,
      why: 'again',
    });
  });

  it('an earlier one failed for certain: a new attempt of the same refund, under a new number', () => {
    const e = entry('failure', { attempt: 1 });
    expect(decideIdentity([e], new Set(), false)).toMatchObject({
      kind: 'new',
      ordinal: 1,
      attempt: 2,
      why: 'after-failure',
    });
  });

  it('a failed second refund is retried only with --again', () => {
    const ok = entry('success', { ordinal: 1 });
    const failed = entry('failure', { ordinal: 2, attempt: 1 });
    expect(decideIdentity([ok, failed], new Set(), false)).toMatchObject({
      kind: 'again-needed',
      earlier: ok,
    });
    expect(decideIdentity([ok, failed], new Set(), true)).toMatchObject({
      kind: 'new',
      ordinal: 2,
      attempt: 2,
    });
  });

  it('a batch row names its ordinal: done rows are skipped, failed ones re-sent only with --retry-failed', () => {
    const ok = entry('success');
    const failed = entry('failure', { ordinal: 2 });
    expect(decideRow([ok], 1, new Set(), false)).toEqual({ kind: 'done', entry: ok });
    expect(decideRow([ok], 2, new Set(), false)).toMatchObject({ kind: 'new', ordinal: 2, attempt: 1 });
    expect(decideRow([ok, failed], 2, new Set(), false)).toEqual({ kind: 'done', entry: failed });
    expect(decideRow([ok, failed], 2, new Set(), true)).toMatchObject({
      kind: 'new',
      ordinal: 2,
      attempt: 2,
    });
    const open = entry('unknown');
    expect(decideRow([open], 1, new Set([open.id]), false)).toEqual({ kind: 'resumed', entry: open });
  });
});

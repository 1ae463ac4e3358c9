import { describe, expect, it } from 'vitest';
import { extend } from '../../../src/core/extend.js';

describe('extend', () => {
  it('is { ...base, ...extra }: a new object, base keys first, extra wins, base untouched', () => {
    const base = { line: 2, orderno: 'o1', refundno: undefined as string | undefined };
    const out = extend(base, { refundno: 'r1', outcome: 'success' });
    expect(out).toEqual({ ...base, refundno: 'r1', outcome: 'success' });
    expect(Object.keys(out)).toEqual(['line', 'orderno', 'refundno', 'outcome']);
    expect(base).toEqual({ line: 2, orderno: 'o1', refundno: undefined });
    expect(out).not.toBe(base);
  });

  it('copies alone without extra, and skips a missing extra', () => {
    const ids = { orderno: 'o1' };
    const copy = extend(ids);
    expect(copy).toEqual(ids);
    expect(copy).not.toBe(ids);
    expect(extend(ids, undefined)).toEqual(ids);
  });
});

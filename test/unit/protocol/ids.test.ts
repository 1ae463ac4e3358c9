import { describe, expect, it } from 'vitest';
import { CATALOGUE, fieldOf } from '../../../src/catalogue/index.js';
import { specByteLength } from '../../../src/core/bytes.js';
import { generateOrderNo, generateRefundNo, generateSerialNo } from '../../../src/protocol/ids.js';

const NOW = new Date(Date.UTC(2026, 0, 31, 16, 0, 0, 7)); // 2026-02-01 00:00:00.007 in Shanghai

const maxOf = (txn: keyof typeof CATALOGUE, name: string) => fieldOf(CATALOGUE[txn], name)!.maxBytes!;

describe('ids', () => {
  it('order numbers: imp + Shanghai time + random, within orderno', () => {
    const no = generateOrderNo(NOW);
    expect(no).toMatch(/^imp20260201000000\d{10}$/);
    expect(specByteLength(no)).toBeLessThanOrEqual(
      Math.min(30, maxOf('pay', 'orderno'), maxOf('query', 'orderno')),
    );
  });

  it('refund numbers fit refundno', () => {
    const no = generateRefundNo(NOW);
    expect(no).toMatch(/^impR20260201000000\d{10}$/);
    expect(specByteLength(no)).toBeLessThanOrEqual(maxOf('refund', 'refundno'));
  });

  it('serial numbers fit serialno and carry milliseconds', () => {
    const no = generateSerialNo(NOW);
    expect(no).toMatch(/^imp20260201000000007\d{12}$/);
    expect(specByteLength(no)).toBeLessThanOrEqual(maxOf('pay', 'serialno'));
  });

  it('do not repeat within the same second', () => {
    for (const gen of [generateOrderNo, generateRefundNo, generateSerialNo]) {
      const seen = new Set(Array.from({ length: 2000 }, () => gen(NOW)));
      expect(seen.size).toBe(2000);
    }
  });
});

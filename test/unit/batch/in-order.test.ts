import { describe, expect, it } from 'vitest';
import { InOrder } from '../../../src/batch/in-order.js';

describe('InOrder', () => {
  it('emits in sequence whatever order items finish in', async () => {
    const out: number[] = [];
    const o = new InOrder<number>(10, (n) => {
      out.push(n);
    });
    await o.done(2, 2);
    await o.done(1, 1);
    expect(out).toEqual([]);
    await o.done(0, 0);
    expect(out).toEqual([0, 1, 2]);
    await o.done(3, 3);
    expect(out).toEqual([0, 1, 2, 3]);
  });

  it('holds a row that runs too far ahead of the oldest unfinished one until that one is done', async () => {
    const o = new InOrder<number>(2, () => undefined);
    expect(o.room(0)).toBeUndefined();
    expect(o.room(1)).toBeUndefined();
    let started = false;
    const waiting = o.room(2)?.then(() => {
      started = true;
    });
    expect(waiting).toBeDefined();
    await o.done(1, 1);
    await Promise.resolve();
    expect(started).toBe(false);
    await o.done(0, 0);
    await waiting;
    expect(started).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_RATE, Pacer, parseRate } from '../../../src/http/pace.js';

/** Keep the event loop busy for `ms` (a stalled machine). */
function stall(ms: number) {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // busy
  }
}

describe('Pacer', () => {
  it('never goes faster than the rate, whatever the number of callers at once', async () => {
    const pacer = new Pacer(200); // 5 ms apart
    const sent = await Promise.all(Array.from({ length: 21 }, () => pacer.take()));
    const first = sent[0] as number;
    const last = sent[20] as number;
    expect(last - first).toBeGreaterThanOrEqual(20 * 5 - 5);
    expect([...sent].sort((a, b) => a - b)).toEqual(sent);
  });

  it('after a stall it starts again from now instead of catching up in a burst', async () => {
    const pacer = new Pacer(100); // 10 ms apart
    const before = Array.from({ length: 10 }, () => pacer.take());
    stall(80); // the slots of the first ~8 requests pass while the loop is blocked
    const sent = await Promise.all(before);
    // sent one interval apart at most one interval behind schedule: the 10 span at least 8 intervals
    expect((sent[9] as number) - (sent[0] as number)).toBeGreaterThanOrEqual(8 * 10 - 2);
  });
});

describe('parseRate', () => {
  it('reads n/s or n, off for no limit, and the default when not given', () => {
    expect(parseRate('40/s')).toBe(40);
    expect(parseRate('2.5')).toBe(2.5);
    expect(parseRate('off')).toBeUndefined();
    expect(parseRate(undefined)).toBe(DEFAULT_RATE);
  });

  it.each(['0/s', 'fast', '-1', '20000/s', '5/min'])('refuses %s naming --rate', (bad) => {
    expect(() => parseRate(bad)).toThrow(/--rate/);
  });
});

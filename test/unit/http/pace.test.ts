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

  it('after a stall it makes up the missed slots, one more than the rate in any window at most', async () => {
    const pacer = new Pacer(100, 100); // 10 ms apart, at most 10 + 1 in any 100 ms
    const sent: Promise<number>[] = Array.from({ length: 20 }, () => pacer.take());
    await sent[0];
    stall(90); // the slots of 9 requests pass while the loop is blocked
    sent.push(...Array.from({ length: 100 }, () => pacer.take()));
    const times = await Promise.all(sent);
    // the rate holds over the run: 120 requests in about 119 intervals, not 119 plus the stall
    expect((times[119] as number) - (times[0] as number)).toBeLessThan(119 * 10 + 45);
    for (let i = 1; i < times.length; i++) {
      // made up at 1.25 times the rate at most (no burst)…
      expect((times[i] as number) - (times[i - 1] as number)).toBeGreaterThanOrEqual(8);
      // …and no window of 100 ms holds more than 11
      if (i >= 11) expect((times[i] as number) - (times[i - 11] as number)).toBeGreaterThanOrEqual(100);
    }
  });

  it('lets go of the slots of a stall longer than the window', async () => {
    const pacer = new Pacer(100, 100);
    await pacer.take();
    stall(300); // 30 slots pass: only one window's worth is owed, and it is made up slowly
    const start = performance.now();
    const times = await Promise.all(Array.from({ length: 20 }, () => pacer.take()));
    expect((times[19] as number) - start).toBeGreaterThan(120);
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

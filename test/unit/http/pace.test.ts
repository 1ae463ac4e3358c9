import { describe, expect, it } from 'vitest';
import { DEFAULT_RATE, Pacer, parseRate } from '../../../src/http/pace.js';

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
    // a clock of the test's own: sleeping moves it on, and a stall is time passing between calls
    let t = 0;
    const clock = { now: () => t, sleep: async (ms: number) => (t += ms) };
    const pacer = new Pacer(100, 100, clock); // 10 ms apart, at most 10 + 1 in any 100 ms
    const times = await Promise.all(Array.from({ length: 10 }, () => pacer.take()));
    t += 90; // a stall: the slots of 9 requests pass
    times.push(...(await Promise.all(Array.from({ length: 110 }, () => pacer.take()))));
    // the rate holds over the run: the 120th request on its slot (1190 ms), not 90 ms late
    expect(times[119]).toBeLessThanOrEqual(1190 + 1);
    for (let i = 1; i < times.length; i++) {
      // made up at 1.25 times the rate at most (no burst)…
      expect((times[i] as number) - (times[i - 1] as number)).toBeGreaterThanOrEqual(8);
      // …and no window of 100 ms holds more than 11
      if (i >= 11) expect((times[i] as number) - (times[i - 11] as number)).toBeGreaterThanOrEqual(100);
    }
  });

  it('lets go of the slots of a stall longer than the window', async () => {
    let t = 0;
    const clock = { now: () => t, sleep: async (ms: number) => (t += ms) };
    const pacer = new Pacer(100, 100, clock);
    await pacer.take();
    t += 1000; // 100 slots pass: only one window's worth is owed
    const times = await Promise.all(Array.from({ length: 40 }, () => pacer.take()));
    // on the schedule again once a window's slots are made up: 40 requests in 400 ms less 10 slots
    expect((times[39] as number) - 1000).toBeGreaterThanOrEqual(390 - 100);
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

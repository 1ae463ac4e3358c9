import { UsageError } from '../core/errors.js';

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600 };

/** Parse `30m`, `1h`, `90s`, `1h30m` or `0` into seconds (`--window`). */
export function parseDuration(text: string, flag = '--window'): number {
  const s = String(text).trim().toLowerCase();
  if (/^\d+$/.test(s)) return Number(s) === 0 ? 0 : fail();
  if (!/^(\d+[hms])+$/.test(s)) return fail();
  let total = 0;
  for (const m of s.matchAll(/(\d+)([hms])/g)) total += Number(m[1]) * UNITS[m[2]!]!;
  if (total > 12 * 3600)
    throw new UsageError(`${flag} ${text}: at most 12h (the window is on each side of midnight)`);
  return total;

  function fail(): never {
    throw new UsageError(`${flag} ${text}: expected a duration such as 30m, 1h, 90s or 0`);
  }
}

/** Seconds between a yyyyMMddHHmmss time and the nearest midnight (before or after). */
export function secondsFromMidnight(time: string): number {
  const s = Number(time.slice(8, 10)) * 3600 + Number(time.slice(10, 12)) * 60 + Number(time.slice(12, 14));
  return Math.min(s, 86400 - s);
}

/** Is this time within `window` seconds of a midnight? An empty time never is. */
export function nearMidnight(time: string, window: number): boolean {
  return window > 0 && time.length === 14 && secondsFromMidnight(time) <= window;
}

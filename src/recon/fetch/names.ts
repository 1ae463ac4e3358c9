import { UsageError } from '../../core/errors.js';
import { cstParts, isYmd, previousDay } from '../../core/time.js';

/** The spec's name (2.7.3): `DZ_<busino>_<yyyyMMdd>.csv`, `tmp_DZ_…` for the intraday file. */
export const DEFAULT_FILE_PATTERN = '{intraday}DZ_{busino}_{date}.csv';

/** At most this many days per run: a typo in --from should not start a year-long crawl. */
const MAX_DAYS = 366;

/** The days a fetch covers, from `--date` or `--from/--to`, in order. */
export function fetchDates(
  opts: { date?: string; from?: string; to?: string; intraday?: boolean },
  now = new Date(),
): string[] {
  if (opts.date && (opts.from || opts.to)) throw new UsageError('--date cannot be combined with --from/--to');
  for (const [flag, v] of [
    ['date', opts.date],
    ['from', opts.from],
    ['to', opts.to],
  ] as const) {
    if (v !== undefined && !isYmd(v)) throw new UsageError(`--${flag}: '${v}' is not a date yyyyMMdd`);
  }
  if (opts.date) return [opts.date];
  const today = cstParts(now).date;
  // The end-of-day file exists once the bank's day is over; the intraday one is about today.
  const fallback = opts.intraday ? today : previousDay(today);
  if (!opts.from && !opts.to) return [fallback];
  const from = opts.from ?? opts.to ?? fallback;
  const to = opts.to ?? (opts.intraday ? today : previousDay(today));
  if (from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
  const days: string[] = [];
  for (let d = to; d >= from; d = previousDay(d)) {
    days.unshift(d);
    if (days.length > MAX_DAYS) throw new UsageError(`--from/--to span more than ${MAX_DAYS} days`);
  }
  return days;
}

/** The names to look for on the server: the CSV itself, then a zip of the same stem. */
export interface RemoteNames {
  csv: string;
  zip: string;
}

/**
 * Expand `recon.filePattern` (`{intraday}`, `{busino}`, `{date}`). A pattern without
 * `{intraday}` gets `tmp_` in front of the file name for `--intraday`.
 */
export function remoteNames(
  pattern: string | undefined,
  busino: string,
  date: string,
  intraday: boolean,
): RemoteNames {
  const p = pattern ?? DEFAULT_FILE_PATTERN;
  if (!p.includes('{date}')) {
    throw new UsageError(`recon.filePattern '${p}' must contain {date}`, { code: 'BAD_PATTERN' });
  }
  const prefix = intraday ? 'tmp_' : '';
  let name = p.replaceAll('{busino}', busino).replaceAll('{date}', date);
  name = p.includes('{intraday}') ? name.replaceAll('{intraday}', prefix) : prefix + name;
  if (name.includes('/') || name.includes('{')) {
    throw new UsageError(
      `recon.filePattern '${p}' gives '${name}': a file name without '/' or unknown {placeholders}`,
      {
        code: 'BAD_PATTERN',
      },
    );
  }
  const stem = name.replace(/\.[^.]*$/, '');
  return { csv: name.endsWith('.zip') ? `${stem}.csv` : name, zip: `${stem}.zip` };
}

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
  /** Folder below `sftp.remoteDir` (`2026/01` for a dated layout), '' for none. */
  dir: string;
  csv: string;
  zip: string;
}

/**
 * Expand `recon.filePattern` (`{intraday}`, `{busino}`, `{date}`, and `{yyyy}`, `{MM}`, `{dd}`
 * of the same day). The pattern may hold folders (`{yyyy}/{MM}/DZ_{busino}_{date}.zip`),
 * below `sftp.remoteDir` and never above it. A pattern without `{intraday}` gets `tmp_` in
 * front of the file name for `--intraday`.
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
  const expanded = p
    .replaceAll('{busino}', busino)
    .replaceAll('{date}', date)
    .replaceAll('{yyyy}', date.slice(0, 4))
    .replaceAll('{MM}', date.slice(4, 6))
    .replaceAll('{dd}', date.slice(6, 8));
  const cut = expanded.lastIndexOf('/');
  const dir = cut < 0 ? '' : expanded.slice(0, cut);
  let name = cut < 0 ? expanded : expanded.slice(cut + 1);
  name = p.includes('{intraday}') ? name.replaceAll('{intraday}', prefix) : prefix + name;
  const parts = dir.split('/');
  if (
    name.includes('{') ||
    dir.includes('{') ||
    !name ||
    (dir && (dir.startsWith('/') || parts.some((x) => x === '' || x === '.' || x === '..')))
  ) {
    throw new UsageError(
      `recon.filePattern '${p}' gives '${dir ? `${dir}/` : ''}${name}': expected [folders/]name with {busino}, {date}, {yyyy}, {MM}, {dd}, {intraday} (in the name), no '..'`,
      { code: 'BAD_PATTERN' },
    );
  }
  const stem = name.replace(/\.[^.]*$/, '');
  return { dir, csv: name.endsWith('.zip') ? `${stem}.csv` : name, zip: `${stem}.zip` };
}

/**
 * Temp files (`.<name>.<8 hex>.tmp`, see tempPathFor) that a fetch of this pattern leaves
 * when it is killed: the next fetch removes them.
 */
export function leftoverTempPattern(pattern: string | undefined, busino: string): RegExp {
  const p = pattern ?? DEFAULT_FILE_PATTERN;
  const name = p.slice(p.lastIndexOf('/') + 1);
  const literal = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  let re = '';
  for (const piece of name.split(/(\{[a-zA-Z]+\})/)) {
    if (piece === '{busino}') re += literal(busino);
    else if (piece === '{date}') re += '\\d{8}';
    else if (piece === '{yyyy}') re += '\\d{4}';
    else if (piece === '{MM}' || piece === '{dd}') re += '\\d{2}';
    else if (piece === '{intraday}') re += '(?:tmp_)?';
    else re += literal(piece);
  }
  const stem = re.replace(/\\\.(?:csv|zip)$/i, '');
  const intraday = p.includes('{intraday}') ? '' : '(?:tmp_)?';
  return new RegExp(`^\\.${intraday}${stem}\\.(?:csv|zip)\\.[0-9a-f]{8}\\.tmp$`);
}

/** The bank's day and clock are China Standard Time (UTC+8, no daylight saving). */
const CST_OFFSET_MS = 8 * 3600 * 1000;

/** Parts of a moment in Asia/Shanghai. */
export interface CstParts {
  /** yyyyMMdd */
  date: string;
  /** HHmmss */
  time: string;
}

export function cstParts(at: Date = new Date()): CstParts {
  const iso = new Date(at.getTime() + CST_OFFSET_MS).toISOString();
  return {
    date: iso.slice(0, 10).replaceAll('-', ''),
    time: iso.slice(11, 19).replaceAll(':', ''),
  };
}

/** An ISO timestamp as the bank's wall clock, for people: `2026-11-25 17:30:20` (unparsable text is returned as is). */
export function cstClock(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(ms + CST_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** yyyyMMdd of the day before `date` (yyyyMMdd), calendar arithmetic only. */
export function previousDay(date: string): string {
  const d = new Date(
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(4, 6)) - 1, Number(date.slice(6, 8))),
  );
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10).replaceAll('-', '');
}

/** Is `text` a real calendar date written yyyyMMdd? */
export function isYmd(text: string): boolean {
  if (!/^\d{8}$/.test(text)) return false;
  const y = Number(text.slice(0, 4));
  const m = Number(text.slice(4, 6));
  const d = Number(text.slice(6, 8));
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** Is `text` a valid HHmmss clock time? */
export function isHms(text: string): boolean {
  const m = /^(\d{2})(\d{2})(\d{2})$/.exec(text);
  return !!m && Number(m[1]) < 24 && Number(m[2]) < 60 && Number(m[3]) < 60;
}

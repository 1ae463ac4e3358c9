import { UsageError } from './errors.js';

/**
 * Money is always an integer number of 分 (fen). Yuan text is converted by string
 * arithmetic, never through floating point.
 */
export type Fen = number;

const YUAN_INPUT = /^(0|[1-9]\d{0,12})(?:\.(\d{1,2}))?$/;

/**
 * Parse an operator's amount in 元 (`1.80`, `12`, `0.01`) into 分.
 * Rejects negatives, more than 2 decimals, exponents, blanks and zero.
 */
export function parseYuan(text: string, field = 'amount'): Fen {
  const trimmed = String(text ?? '').trim();
  const m = YUAN_INPUT.exec(trimmed);
  if (!m) {
    throw new UsageError(
      `--${field}: '${text}' is not an amount in 元 (a positive number with at most 2 decimals, e.g. 1.80)`,
      { code: 'BAD_AMOUNT' },
    );
  }
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (fen <= 0) throw new UsageError(`--${field}: the amount must be greater than 0`, { code: 'BAD_AMOUNT' });
  return fen;
}

/** Why `text` is not an amount {@link parseYuan} accepts (its one-line message), or undefined when it is: a prompt's check. */
export function yuanProblem(text: string): string | undefined {
  try {
    parseYuan(text);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/**
 * Parse a signed decimal yuan amount as written in reconciliation files or
 * `Number(15.2)` fields (`-1.5`, `12.30`, `0`). Returns `undefined` when malformed.
 */
export function parseDecimalYuan(text: string): Fen | undefined {
  // /^([+-]?)(\d{1,15})(?:\.(\d{1,2}))?$/ read by char codes: it runs for every amount of a
  // million-line bank file, where the match and its strings were a tenth of the check's own time
  const s = text.trim();
  const n = s.length;
  const sign = s.charCodeAt(0);
  let i = sign === 43 || sign === 45 ? 1 : 0; // + -
  const start = i;
  let whole = 0;
  for (let d = s.charCodeAt(i) - 48; d >= 0 && d <= 9; d = s.charCodeAt(++i) - 48) whole = whole * 10 + d;
  if (i === start || i - start > 15) return undefined;
  let cents = 0;
  if (i < n) {
    if (s.charCodeAt(i) !== 46) return undefined; // .
    const from = ++i;
    for (let d = s.charCodeAt(i) - 48; d >= 0 && d <= 9; d = s.charCodeAt(++i) - 48) cents = cents * 10 + d;
    if (i < n || i === from || i - from > 2) return undefined;
    if (i - from === 1) cents *= 10;
  }
  const fen = whole * 100 + cents;
  return sign === 45 ? -fen : fen;
}

/** Parse an integer 分 string (`amt_trans` on the wire). Returns `undefined` when not a non-negative integer. */
export function parseFen(text: string): Fen | undefined {
  // /^\d{1,15}$/ by char codes: a ledger's every amount and fee comes through here
  const s = text.trim();
  const n = s.length;
  if (n === 0 || n > 15) return undefined;
  let fen = 0;
  for (let i = 0; i < n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (!(d >= 0 && d <= 9)) return undefined;
    fen = fen * 10 + d;
  }
  return fen;
}

/** Format 分 as 元 with exactly two decimals: 180 → `1.80`, -5 → `-0.05`. */
export function formatYuan(fen: Fen): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an integer amount of fen: ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.trunc(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}${yuan}.${cents}`;
}

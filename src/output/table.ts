import { createRequire } from 'node:module';
import type CliTable from 'cli-table3';
import { shown } from './escape.js';
import type { Text } from './i18n.js';
import type { Output } from './output.js';

// cli-table3 (CommonJS, with its string-width dependencies) is required when the first table is
// drawn, not by every command module that might draw one (a --json run never does)
let tableClass: typeof CliTable | undefined;
const Table = () => (tableClass ??= createRequire(import.meta.url)('cli-table3') as typeof CliTable);

/**
 * A table cell. A string or number may come from outside (an answer's field, a file name, a
 * journal excerpt) and is shown with its control characters escaped; a bilingual label is
 * shown in the output's language; a list is imp's own text over several lines.
 */
export type Cell = string | number | Text | readonly string[] | Styled;

/**
 * imp's own text, already coloured for state (`toned`): drawn as it is, so its colour codes are
 * not escaped like outside data's. Outside values inside it must go through `shown()` first.
 */
export interface Styled {
  readonly styled: string;
}
export const styled = (text: string): Styled => ({ styled: text });

const cellText = (out: Output, c: Cell): string => {
  if (Array.isArray(c)) return c.map((line) => shown(line)).join('\n');
  if (typeof c === 'object' && 'styled' in c) return c.styled;
  return typeof c === 'object' ? out.t(c as Text) : shown(c as string | number);
};

/** Columns a terminal cell takes: CJK and full-width characters two, colour codes none. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text.replace(/\x1b\[[0-9;]*m/g, '')) {
    const c = ch.codePointAt(0) ?? 0;
    const wide =
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6);
    w += wide ? 2 : 1;
  }
  return w;
}

/** Narrowest a column is squeezed to before the table may run past the terminal. */
const MIN_COLUMN = 10;

/**
 * Column widths (padding included) that keep a table within the terminal it is drawn on:
 * undefined when it fits as it is, or off a terminal (a pipe or a log keeps whole lines for
 * grep); else the widest columns are narrowed, and cli-table3 wraps their cells inside the box
 * instead of the terminal breaking the box.
 */
export function fitColumns(out: Output, rows: readonly (readonly string[])[]): number[] | undefined {
  const { stdout } = out.streams;
  if (!stdout.isTTY) return undefined;
  const budget = stdout.columns || 80;
  const n = Math.max(0, ...rows.map((r) => r.length));
  const widths = Array.from({ length: n }, (_, i) =>
    Math.max(3, ...rows.map((r) => Math.max(0, ...(r[i] ?? '').split('\n').map(displayWidth)) + 2)),
  );
  const total = () => widths.reduce((a, b) => a + b, 0) + n + 1;
  if (total() <= budget) return undefined;
  while (total() > budget) {
    const widest = widths.indexOf(Math.max(...widths));
    if ((widths[widest] ?? 0) <= MIN_COLUMN) break;
    widths[widest] = (widths[widest] ?? 0) - 1;
  }
  return widths;
}

/** Render rows as a boxed table (cli-table3); bilingual labels are translated here. */
export function renderTable(out: Output, head: readonly Cell[], rows: readonly (readonly Cell[])[]): string {
  const headText = head.map((h) => cellText(out, h));
  const body = rows.map((r) => r.map((c) => cellText(out, c)));
  const colWidths = fitColumns(out, [headText, ...body]);
  if (!colWidths && drawable([headText, ...body], head.length)) {
    return drawTable([headText, ...body], { head: true, color: out.color });
  }
  const table = new (Table())({
    head: headText,
    style: { head: out.color ? ['cyan'] : [], border: out.color ? ['grey'] : [] },
    wordWrap: true,
    ...(colWidths ? { colWidths } : {}),
  });
  for (const r of body) table.push(r);
  return table.toString();
}

/** A two-column key/value table, the usual shape of one transaction's result; empty values are left out. */
export function renderPairs(out: Output, pairs: readonly (readonly [Cell, Cell | undefined])[]): string {
  const rows = pairs
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => [cellText(out, k), cellText(out, v as Cell)]);
  const colWidths = fitColumns(out, rows);
  if (!colWidths && rows.length > 0 && drawable(rows, 2)) {
    return drawTable(rows, { head: false, color: out.color });
  }
  const table = new (Table())({
    style: { head: [], border: out.color ? ['grey'] : [] },
    wordWrap: true,
    ...(colWidths ? { colWidths } : {}),
  });
  for (const [k, v] of rows) table.push({ [k as string]: v as string });
  return table.toString();
}

// Text whose width imp's displayWidth and cli-table3's string-width agree on: printable ASCII, the
// CJK ideographs and punctuation, full-width forms, and colour codes (none)
const PLAIN = /^(?:[\x20-\x7e\u3000-\u303e\u4e00-\u9fff\uff01-\uff60\n]|\x1b\[[0-9;]*m)*$/;

/** Rows {@link drawTable} draws exactly as cli-table3 would: `columns` cells each, all of them plain. */
const drawable = (rows: readonly (readonly string[])[], columns: number): boolean =>
  columns > 0 && rows.every((r) => r.length === columns && r.every((cell) => PLAIN.test(cell)));

/**
 * A table that needs no narrowing, drawn line for line as cli-table3 draws it: padding of one, a
 * rule between rows, in colour grey borders and a cyan head row. cli-table3 measures every cell
 * through string-width's emoji expression and merges options per cell: about 10 ms of an
 * `imp query` or `imp recon check`, a third of imp's own start-up (bench/interactive.mjs). Tables
 * to narrow, and text outside {@link PLAIN}, still go through cli-table3.
 */
function drawTable(rows: readonly (readonly string[])[], style: { head: boolean; color: boolean }): string {
  const paint = (code: number, s: string) => (style.color ? `\x1b[${code}m${s}\x1b[39m` : s);
  const lines = rows.map((r) => r.map((cell) => cell.split('\n')));
  const widths = (rows[0] ?? []).map(
    (_, i) => Math.max(...lines.map((r) => Math.max(...(r[i] ?? []).map(displayWidth)))) + 2,
  );
  const rule = (l: string, m: string, r: string) =>
    widths
      .map((w, i) => paint(90, `${i === 0 ? l : m}${'─'.repeat(w)}${i === widths.length - 1 ? r : ''}`))
      .join('');
  const pad = (text: string, width: number) => ` ${text}${' '.repeat(width - 2 - displayWidth(text))} `;
  const drawn = lines.map((cells, row) =>
    Array.from({ length: Math.max(...cells.map((c) => c.length)) }, (_, j) => {
      const padded = cells.map((c, i) => pad(c[j] ?? '', widths[i] ?? 2));
      const shown = style.head && row === 0 ? padded.map((p) => paint(36, p)) : padded;
      return `${paint(90, '│')}${shown.join(paint(90, '│'))}${paint(90, '│')}`;
    }).join('\n'),
  );
  return [rule('┌', '┬', '┐'), drawn.join(`\n${rule('├', '┼', '┤')}\n`), rule('└', '┴', '┘')].join('\n');
}

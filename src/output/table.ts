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

/** Render rows as a boxed table (cli-table3); bilingual labels are translated here. */
export function renderTable(out: Output, head: readonly Cell[], rows: readonly (readonly Cell[])[]): string {
  const table = new (Table())({
    head: head.map((h) => cellText(out, h)),
    style: { head: out.color ? ['cyan'] : [], border: out.color ? ['grey'] : [] },
    wordWrap: true,
  });
  for (const r of rows) table.push(r.map((c) => cellText(out, c)));
  return table.toString();
}

/** A two-column key/value table, the usual shape of one transaction's result; empty values are left out. */
export function renderPairs(out: Output, pairs: readonly (readonly [Cell, Cell | undefined])[]): string {
  const table = new (Table())({ style: { head: [], border: out.color ? ['grey'] : [] }, wordWrap: true });
  for (const [k, v] of pairs) {
    if (v === undefined || v === '') continue;
    table.push({ [cellText(out, k)]: cellText(out, v) });
  }
  return table.toString();
}

import { createRequire } from 'node:module';
import type CliTable from 'cli-table3';
import type { Text } from './i18n.js';
import type { Output } from './output.js';

// cli-table3 (CommonJS, with its string-width dependencies) is required when the first table is
// drawn, not by every command module that might draw one (a --json run never does)
let tableClass: typeof CliTable | undefined;
const Table = () => (tableClass ??= createRequire(import.meta.url)('cli-table3') as typeof CliTable);

/** A table cell: shown as is, or a bilingual label shown in the output's language. */
export type Cell = string | number | Text;

const cellText = (out: Output, c: Cell) => (typeof c === 'object' ? out.t(c) : String(c));

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

import Table from 'cli-table3';
import type { Output } from './output.js';

/** Render rows as a boxed table (cli-table3); headers already translated by the caller. */
export function renderTable(out: Output, head: string[], rows: (string | number)[][]): string {
  const table = new Table({
    head,
    style: { head: out.color ? ['cyan'] : [], border: out.color ? ['grey'] : [] },
    wordWrap: true,
  });
  for (const r of rows) table.push(r.map((c) => String(c)));
  return table.toString();
}

/** A two-column key/value table, the usual shape of one transaction's result. */
export function renderPairs(out: Output, pairs: [string, string | number | undefined][]): string {
  const table = new Table({ style: { head: [], border: out.color ? ['grey'] : [] }, wordWrap: true });
  for (const [k, v] of pairs) {
    if (v === undefined || v === '') continue;
    table.push({ [k]: String(v) });
  }
  return table.toString();
}

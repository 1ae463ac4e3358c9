import { createRequire } from 'node:module';
import { PassThrough } from 'node:stream';
import type CliTable from 'cli-table3';
import { describe, expect, it } from 'vitest';
import { Output } from '../../../src/output/output.js';
import { type Cell, displayWidth, renderPairs, renderTable, styled } from '../../../src/output/table.js';

// Issue 16: nothing wraps on an 80-column terminal: a wide table narrows its widest columns and
// wraps their cells inside the box, instead of the terminal breaking the box's lines. Off a
// terminal lines stay whole.
const terminal = (columns: number) =>
  Object.assign(new PassThrough(), { isTTY: true, columns }) as unknown as NodeJS.WriteStream;
const out = new Output({
  json: false,
  lang: 'en',
  color: false,
  streams: { stdout: terminal(80), stderr: terminal(80) },
});
const widest = (text: string) => Math.max(...text.split('\n').map(displayWidth));

describe('tables fit 80 columns', () => {
  it('a key/value table with long values and Chinese text', () => {
    const text = renderPairs(out, [
      ['original IMP payment serial (prv_tradeno)', 'T202612030000000033'],
      ['state', 'refund application received (query the result) (refund_status=0)'],
      ['response', `00000 交易成功 ${'长'.repeat(40)}`],
      ['serial no', 'imp20261203174819786945806892725imp20261203174819786945806892725'],
    ]);
    expect(widest(text)).toBeLessThanOrEqual(80);
    expect(text.replace(/[\s│|]/g, '')).toContain('refund_status=0');
  });

  it('a wide table narrows its widest column; a narrow one keeps its natural widths', () => {
    const wide = renderTable(
      out,
      ['line', 'order no', 'outcome', 'reason'],
      [['orders.csv:15', 'SMX7DISZ7NOPE', 'failed', `20002 原订单不存在: orderno ${'X'.repeat(60)}`]],
    );
    expect(widest(wide)).toBeLessThanOrEqual(80);
    const piped = new Output({ json: false, lang: 'en', color: false });
    expect(renderTable(piped, ['reason'], [['Y'.repeat(120)]])).toContain('Y'.repeat(120));
    const narrow = renderTable(out, ['a', 'b'], [['1', '2']]);
    expect(narrow.split('\n')[0]).toBe('┌───┬───┐');
  });

  it('counts CJK as two columns and colour codes as none', () => {
    expect(displayWidth('交易成功')).toBe(8);
    expect(displayWidth('\x1b[32mok\x1b[39m')).toBe(2);
  });
});

// A table that needs no narrowing is drawn by imp itself (cli-table3's per-cell measuring is most
// of a one-row query's drawing time): line for line what cli-table3 draws.
describe('tables drawn without cli-table3', () => {
  const Table = createRequire(import.meta.url)('cli-table3') as typeof CliTable;
  const byCliTable3 = (head: string[] | undefined, rows: string[][]) => {
    const table = new Table({ ...(head ? { head } : {}), style: { head: [], border: [] }, wordWrap: true });
    for (const r of rows) table.push(head ? r : { [r[0] as string]: r[1] as string });
    return table.toString();
  };
  const piped = new Output({ json: false, lang: 'en', color: false });
  const cells = (r: string[]) => r.map((v) => (v.includes('\x1b') ? styled(v) : v.split('\n')));
  const chinese = [
    ['response', '00000 交易成功'],
    ['原因（reason）', '退款金额超限，请核对。'],
    ['warnings', 'first line\nsecond, longer line\nthird'],
    ['payment sub-type (trans_sub_type)', '07 customer scans (主扫)'],
  ];

  it.each([
    ['one row', [['state', 'paid (status=0)']]],
    ['Chinese text, full-width punctuation and a list over several lines', chinese],
    ['a styled cell', [['state', '\x1b[32mpaid\x1b[39m (status=0)']]],
  ])('key/value: %s', (_name, rows) => {
    const pairs = rows.map((r) => cells(r) as [Cell, Cell]);
    expect(renderPairs(piped, pairs)).toBe(byCliTable3(undefined, rows));
  });

  it.each([
    [
      'a head and rows, an empty head cell and empty cells',
      ['', 'bank file', 'ledger'],
      [
        ['lines', '9', '9'],
        ['settled', '8.91', ''],
      ],
    ],
    ['a head alone', ['class', 'count'], []],
    ['Chinese and several lines', ['键', 'value'], chinese],
  ])('grid: %s', (_name, head, rows) => {
    expect(renderTable(piped, head, rows.map(cells))).toBe(byCliTable3(head, rows));
  });

  it('colour: grey borders, a cyan head row, the same table underneath', () => {
    const coloured = new Output({ json: false, lang: 'en', color: true });
    const plain = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '');
    const pairs = renderPairs(coloured, [['state', 'paid']]);
    expect(pairs).toContain('\x1b[90m│\x1b[39m');
    expect(plain(pairs)).toBe(byCliTable3(undefined, [['state', 'paid']]));
    const grid = renderTable(coloured, ['class'], [['matched']]);
    expect(grid).toContain('\x1b[36m class   \x1b[39m');
    expect(plain(grid)).toBe(byCliTable3(['class'], [['matched']]));
  });

  it('text whose width the two measure differently (emoji, combining marks) goes to cli-table3', () => {
    const rows = [['note', 'ok 👍 e\u0301']];
    expect(renderPairs(piped, rows as [string, string][])).toBe(byCliTable3(undefined, rows));
    expect(renderTable(piped, ['note'], [['ok 👍']])).toBe(byCliTable3(['note'], [['ok 👍']]));
  });
});

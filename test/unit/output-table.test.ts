import { createRequire } from 'node:module';
import { PassThrough } from 'node:stream';
import type CliTable from 'cli-table3';
import { describe, expect, it } from 'vitest';
import { Output } from '../../src/output/output.js';
import { displayWidth, renderPairs, renderTable, styled } from '../../src/output/table.js';

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

// renderPairs draws a table that needs no narrowing itself (cli-table3's per-cell measuring is
// most of a one-row query's drawing time): line for line what cli-table3 draws.
describe('key/value tables drawn without cli-table3', () => {
  const Table = createRequire(import.meta.url)('cli-table3') as typeof CliTable;
  const byCliTable3 = (rows: [string, string][]) => {
    const table = new Table({ style: { head: [], border: [] }, wordWrap: true });
    for (const [k, v] of rows) table.push({ [k]: v });
    return table.toString();
  };
  const piped = new Output({ json: false, lang: 'en', color: false });

  it.each([
    ['one row', [['state', 'paid (status=0)']]],
    [
      'Chinese text, full-width punctuation and a list over several lines',
      [
        ['response', '00000 交易成功'],
        ['原因（reason）', '退款金额超限，请核对。'],
        ['warnings', 'first line\nsecond, longer line\nthird'],
        ['payment sub-type (trans_sub_type)', '07 customer scans (主扫)'],
      ],
    ],
    ['a styled cell', [['state', '\x1b[32mpaid\x1b[39m (status=0)']]],
  ] as [string, [string, string][]][])('%s', (_name, rows) => {
    const cells = rows.map(([k, v]) => [k, v.includes('\x1b') ? styled(v) : v.split('\n')] as const);
    expect(renderPairs(piped, cells)).toBe(byCliTable3(rows));
  });

  it('colour: grey borders, the same table underneath', () => {
    const coloured = new Output({ json: false, lang: 'en', color: true });
    const text = renderPairs(coloured, [['state', 'paid']]);
    expect(text).toContain('\x1b[90m│\x1b[39m');
    expect(text.replace(/\x1b\[[0-9;]*m/g, '')).toBe(byCliTable3([['state', 'paid']]));
  });

  it('text whose width the two measure differently (emoji, combining marks) goes to cli-table3', () => {
    const rows: [string, string][] = [['note', 'ok 👍 e\u0301']];
    expect(renderPairs(piped, rows)).toBe(byCliTable3(rows));
  });
});

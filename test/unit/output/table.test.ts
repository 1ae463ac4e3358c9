import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Output } from '../../../src/output/output.js';
import { displayWidth, renderPairs, renderTable } from '../../../src/output/table.js';

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

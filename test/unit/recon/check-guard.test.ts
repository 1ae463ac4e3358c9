import { writeFile } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { formatYuan } from '../../../src/core/money.js';
import { runReconCheck } from '../../../src/recon/check.js';
import { D1, ledgerFile, scratchPath, useScratchDir } from '../../helpers/recon-check.js';

// Every line recon check cannot read is reported with its number and counts toward exit 5;
// no bad line swallows the records after it (issue 12).
useScratchDir();

const detail = (n: number, desc = '商品') =>
  [`T${n}`, `S${n}`, `O${n}`, `${D1}10${String(n).padStart(2, '0')}00`, '0', '', '1.00', '1.00']
    .concat(['', '', '', '', '0.00', '', desc, '00081', ''])
    .join(',');

/** A bank file of `n` good details (O1…On) whose summary states all of them; `bytes` post-processes. */
async function bank(name: string, lines: string[], opts: { gbk?: boolean; raw?: Buffer } = {}) {
  const count = lines.length;
  const text = `${count},${formatYuan(count * 100)},${formatYuan(count * 100)}\r\n${lines.join('\r\n')}\r\n`;
  const path = scratchPath(name);
  await writeFile(path, opts.raw ?? (opts.gbk ? iconv.encode(text, 'gbk') : text));
  return path;
}

async function check(file: string) {
  const r = await runReconCheck({ file, ledger: { kind: 'none' }, window: 0 });
  return {
    r,
    problems: r.problems.map((p) => [p.line, p.reason]),
    orders: r.summary.bank.totals.pays.count,
  };
}

describe('recon check: lines it cannot read', () => {
  it('a line with 19 columns (or 16) is unreadable, with its line number', async () => {
    const lines = [detail(1), `${detail(2)},x,y`, detail(3), detail(4).replace(/,00081,$/, ',')];
    const { r, problems, orders } = await check(await bank('cols.csv', lines));
    expect(problems).toEqual([
      [3, 'expected 17 columns, found 19'],
      [5, 'expected 17 columns, found 16'],
    ]);
    expect(orders).toBe(2);
    expect(r.summary.clean).toBe(false);
  });

  it('a quote spanning lines swallows nothing: both halves reported, the rest read', async () => {
    const lines = [detail(1), detail(2, '"商品'), '又一行",00081,', detail(3), detail(4)];
    const { problems, orders } = await check(await bank('quote.csv', lines));
    expect(problems.map(([l]) => l)).toEqual([3, 4]);
    expect(String(problems[0]![1])).toMatch(/quoted field runs past the end of the line/);
    expect(orders).toBe(3);
  });

  it('text after a closing quote loses no line: that line reported, the lines after it read', async () => {
    const lines = [detail(1), detail(2, '"商品"x'), detail(3), detail(4), detail(5, 'a "quoted" word')];
    const { problems, orders } = await check(await bank('closing.csv', lines));
    expect(problems).toEqual([
      [3, 'text follows a closing quote (a quoted field must end at its quote)'],
      [6, 'a quote inside a field that does not start with one'],
    ]);
    expect(orders).toBe(3);
  });

  it('a bare LF inside the CRLF bank file: both pieces reported, the records after it read', async () => {
    const broken = detail(2).replace(',1.00,1.00,', ',1.00\n1.00,');
    const lines = [detail(1), broken, detail(3), detail(4), detail(5)];
    const { problems, orders } = await check(await bank('lf.csv', lines));
    expect(problems).toEqual([
      [3, 'the line ends in a bare LF; the bank file declares CRLF line ends'],
      [4, 'expected 17 columns, found 10'],
    ]);
    expect(orders).toBe(4);
  });

  it('a whole file in LF line ends breaks the declared shape on every line', async () => {
    const text = `2,2.00,2.00\n${detail(1)}\n${detail(2)}\n`;
    const { problems } = await check(await bank('alllf.csv', [], { raw: Buffer.from(text) }));
    expect(problems.map(([l]) => l)).toEqual([1, 2, 3]);
  });

  it('mixed encodings: a UTF-8 line in a GBK file, a GBK line in a UTF-8 file', async () => {
    const good = [detail(1, '商品一'), detail(2, '商品二'), detail(3, '商品三')];
    const head = '3,3.00,3.00\r\n';
    const gbkFile = Buffer.concat([
      iconv.encode(`${head}${good[0]}\r\n`, 'gbk'),
      Buffer.from(`${good[1]}\r\n`, 'utf8'),
      iconv.encode(`${good[2]}\r\n`, 'gbk'),
    ]);
    const a = await check(await bank('mixed-gbk.csv', [], { raw: gbkFile }));
    expect(a.r.summary.encoding).toBe('gbk');
    expect(a.problems).toEqual([[3, 'the line is UTF-8 in a GBK file (mixed encodings)']]);
    expect(a.orders).toBe(2);
    const utfFile = Buffer.concat([
      Buffer.from(`${head}${good[0]}\r\n`, 'utf8'),
      iconv.encode(`${good[1]}\r\n`, 'gbk'),
      Buffer.from(`${good[2]}\r\n`, 'utf8'),
    ]);
    const b = await check(await bank('mixed-utf8.csv', [], { raw: utfFile }));
    expect(b.r.summary.encoding).toBe('utf8');
    expect(b.problems.map(([l]) => l)).toEqual([3]);
    expect(String(b.problems[0]![1])).toMatch(/not valid UTF-8/);
  });

  it('a line past the maximum length is unreadable, held no further than the limit', async () => {
    const long = detail(2, 'x'.repeat(200_000));
    const { problems, orders } = await check(await bank('long.csv', [detail(1), long, detail(3)]));
    expect(problems).toEqual([[3, 'line longer than 65536 bytes']]);
    expect(orders).toBe(2);
  });

  it('the ledger: a line with a column count other than the header is unreadable', async () => {
    const file = await bank('for-ledger.csv', [detail(1), detail(2)]);
    const ledger = await ledgerFile(
      'ledger-cols.csv',
      ['type,orderno,refundno,amount,status', 'pay,O1,,100,success', 'pay,O2,,100,success,extra'].join('\n'),
    );
    const r = await runReconCheck({ file, ledger: { kind: 'file', path: ledger }, window: 0 });
    expect(r.problems.map((p) => [p.source, p.line, p.reason])).toEqual([
      ['ledger', 3, 'expected 5 columns (as the header), found 6'],
    ]);
  });
});

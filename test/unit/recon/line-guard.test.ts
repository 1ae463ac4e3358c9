import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { LineGuard, type LineRules } from '../../../src/recon/line-guard.js';

// The guard works on whatever pieces the file arrives in: a line cut anywhere across chunks
// gives the same lines and the same problems as the whole file in one piece.

async function guard(input: Buffer, rules: Partial<LineRules>, chunk: number) {
  const problems: [number, string][] = [];
  const g = new LineGuard(
    { maxLineBytes: 64, crlf: true, encoding: 'utf8', fromLine: 1, ...rules },
    (line, why) => problems.push([line, why]),
  );
  const pieces: Buffer[] = [];
  for (let i = 0; i < input.length; i += chunk) pieces.push(input.subarray(i, i + chunk));
  const out: Buffer[] = [];
  for await (const b of Readable.from(pieces).pipe(g)) out.push(b as Buffer);
  return { text: Buffer.concat(out).toString('utf8'), problems };
}

const FILE = Buffer.from(
  [
    '3,3.00,3.00',
    'a,"quoted, with comma",b',
    'bare,"open quote',
    'x'.repeat(100),
    '商品,两字节以上,ok',
    'last,line,no,end',
  ].join('\r\n'),
);

describe('LineGuard', () => {
  it('gives the same lines and problems whatever the chunk size', async () => {
    const whole = await guard(FILE, {}, FILE.length);
    expect(whole.problems).toEqual([
      [3, 'a quoted field runs past the end of the line (unbalanced ")'],
      [4, 'line longer than 64 bytes'],
    ]);
    // each dropped line leaves an empty line behind, so later line numbers stay right
    expect(whole.text).toBe(
      '3,3.00,3.00\r\na,"quoted, with comma",b\r\n\n\n商品,两字节以上,ok\r\nlast,line,no,end',
    );
    for (const size of [1, 2, 3, 5, 7, 13, 64]) expect(await guard(FILE, {}, size)).toEqual(whole);
  });

  it('checks the encoding of lines cut across chunks (GBK file, UTF-8 line)', async () => {
    const gbk = Buffer.concat([
      iconv.encode('商品一,1\r\n', 'gbk'),
      Buffer.from('商品二,2\r\n', 'utf8'),
      iconv.encode('商品三,3\r\n', 'gbk'),
    ]);
    for (const size of [1, 4, 9, gbk.length]) {
      const r = await guard(gbk, { encoding: 'gbk' }, size);
      expect(r.problems).toEqual([[2, 'the line is UTF-8 in a GBK file (mixed encodings)']]);
    }
  });
});

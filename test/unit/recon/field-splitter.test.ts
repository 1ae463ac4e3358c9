import { Readable, type Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Parser } from 'csv-parse';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { recordReader } from '../../../src/recon/csv-source.js';
import { LineGuard, type LineRules } from '../../../src/recon/line-guard.js';

// The field splitter cuts quote-free lines itself and gives the rest to csv-parse. Its answers
// must be exactly those of csv-parse reading every line, as the reader did before: the same
// fields, the same skipped lines with the same reasons, the same line numbers, in the same
// order, whatever the chunks the file arrives in. (Records and skipped lines are compared each
// in their own order: csv-parse alone answers a line only once text follows it, so the guard's
// report of a later line could come before an earlier record; the splitter keeps file order.)

type Event = ['record', number, string[]] | ['skip', number, string];

/** csv-parse reading every line after the guard: the reader as it was (src/recon/csv-source.ts before the splitter). */
function csvParseAlone(fromLine: number, events: Event[]): Writable {
  let lastEnd = fromLine - 1;
  class LineParser extends Parser {
    override push(record: unknown): boolean {
      if (record === null) return super.push(null);
      lastEnd = this.info.lines;
      events.push(['record', lastEnd, record as string[]]);
      return true;
    }
  }
  const parser = new LineParser({
    from_line: fromLine,
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    record_delimiter: ['\r\n', '\n'],
    skip_records_with_error: true,
    on_skip: (err: (Error & { lines?: number }) | undefined) => {
      if (!err) return;
      const line = err.lines ?? lastEnd + 1;
      events.push(['skip', line, err.message.split('\n')[0] ?? 'unreadable line']);
      lastEnd = line;
    },
  });
  parser.resume();
  return parser;
}

async function read(input: Buffer, rules: LineRules, chunk: number, splitter: boolean): Promise<Event[]> {
  const events: Event[] = [];
  const pieces: Buffer[] = [];
  for (let i = 0; i < input.length; i += chunk) pieces.push(input.subarray(i, i + chunk));
  const guard = new LineGuard(rules, (line, why) => events.push(['skip', line, `guard: ${why}`]));
  const gbk = rules.encoding === 'gbk';
  const tail = splitter
    ? await recordReader(
        rules.fromLine,
        (fields, line) => events.push(['record', line, fields]),
        (line, why) => events.push(['skip', line, why]),
        gbk,
      )
    : csvParseAlone(rules.fromLine, events);
  // csv-parse alone read the text iconv decoded; the splitter decodes GB18030 itself
  const stages: (Transform | Writable)[] = [guard];
  if (gbk && !splitter) stages.push(iconv.decodeStream('gb18030') as unknown as Transform);
  await pipeline(Readable.from(pieces), ...(stages as [Transform]), tail);
  return events;
}

const RULES: LineRules[] = [
  { maxLineBytes: 64 * 1024, crlf: false, encoding: 'utf8', fromLine: 1 },
  { maxLineBytes: 64 * 1024, crlf: false, encoding: 'utf8-bom', fromLine: 2 },
  { maxLineBytes: 64 * 1024, crlf: true, encoding: 'gbk', fromLine: 2 },
  { maxLineBytes: 64 * 1024, crlf: false, encoding: 'gbk', fromLine: 3 },
];

const encode = (text: string, rules: LineRules) =>
  rules.encoding === 'gbk' ? iconv.encode(text, 'gb18030') : Buffer.from(text, 'utf8');

const apart = (events: Event[]) => ({
  records: events.filter((e) => e[0] === 'record'),
  skips: events.filter((e) => e[0] === 'skip'),
});

async function same(input: Buffer, rules: LineRules, chunks = [1, 3, 7, 64, 1 << 16]) {
  const want = await read(input, rules, input.length || 1, false);
  for (const chunk of chunks) expect(apart(await read(input, rules, chunk, true))).toEqual(apart(want));
  return want;
}

const TRICKY = [
  '3,3.00,3.00',
  'a,b,c',
  'a,"quoted, with comma",c',
  '"say ""hi""",,""',
  ',,',
  'trailing,comma,',
  '',
  '   ',
  'a, "space before quote",c',
  'quote"inside,b,c',
  '"closed"after,b,c',
  '"open,b,c',
  '测试商品,"订单,详情",00081',
  '測試 😀 text,𠀀,x',
  // same length, same last byte, different text: the decoded-field ring must tell them apart
  '甲乙,丙乙,甲乙,丙乙,丁乙,戊乙,己乙,甲乙',
  'bare\rcr,b,c',
  '"q\rcr",b',
  'x\r',
  '"a","b"',
  'plain after quoted',
  '"a"',
  '"b"',
];

describe('FieldSplitter', () => {
  it('answers as csv-parse alone on tricky lines, LF and CRLF, every encoding and chunk size', async () => {
    for (const rules of RULES) {
      for (const eol of ['\n', '\r\n']) {
        const bom = rules.encoding === 'utf8-bom' ? '\uFEFF' : '';
        const text = bom + TRICKY.join(eol);
        const want = await same(encode(text, rules), rules);
        // (with LF ends where CRLF is declared, the guard drops every line but the last)
        if (!rules.crlf || eol === '\r\n') expect(apart(want).records.length).toBeGreaterThan(8);
        // and with a line end after the last line, and a last line ending in a bare CR
        await same(encode(`${text}${eol}`, rules), rules);
        await same(encode(`${text}${eol}"last"\r`, rules), rules);
        await same(encode(`${text}${eol}last\r`, rules), rules);
      }
    }
  });

  it('numbers lines as csv-parse does after a bare CR, and skips the lines before fromLine', async () => {
    const rules = RULES[0]!;
    const want = await same(Buffer.from('h1\rx,y\n"a",1\nb,2\n\n"c\r",3\nd,4'), { ...rules, fromLine: 3 });
    // csv-parse counts the bare CR of line 1 as a line break: line 2 is its line 3
    expect(want).toEqual([
      ['record', 3, ['a', '1']],
      ['record', 4, ['b', '2']],
      ['record', 7, ['c\r', '3']],
      ['record', 8, ['d', '4']],
    ]);
  });

  it("passes on csv-parse's own complaint: a closing quote and a bare CR ending the file", async () => {
    const want = await same(Buffer.from('"a",b\r\nc,d\r\n"last"\r'), RULES[0]!);
    expect(apart(want).skips).toEqual([
      ['skip', 3, expect.stringMatching(/^Invalid Closing Quote: got ".*" at line 3 /s)],
      ['skip', 3, 'Quote Not Closed: the parsing is finished with an opening quote at line 3'],
    ]);
    expect(apart(want).records).toEqual([
      ['record', 1, ['a', 'b']],
      ['record', 2, ['c', 'd']],
    ]);
  });

  it('takes one BOM at the start of the file, in UTF-8 and GB18030, as before', async () => {
    for (const rules of RULES) {
      const text = '\uFEFF\uFEFFa,b\r\n"c",d\r\n';
      await same(encode(text, rules), { ...rules, fromLine: 1 });
      await same(encode('\uFEFF"a",b\r\nc,d\r\n', rules), { ...rules, fromLine: 1 });
    }
  });

  it('keeps invalid GB18030 bytes as csv-parse saw them', async () => {
    const rules = RULES[2]!;
    const bad = Buffer.concat([
      Buffer.from('1,2,3\r\n'),
      Buffer.from([0x81, 0x2c, 0x41, 0x0d, 0x0a]),
      Buffer.from([0x81, 0x30, 0x81, 0x2c, 0x22, 0x81, 0x22, 0x0d, 0x0a]),
      Buffer.from([0xff, 0x80, 0x41, 0x2c, 0x42]),
    ]);
    await same(bad, rules);
  });

  it('answers as csv-parse alone on random files of quotes, commas, CRs and text', async () => {
    let seed = 42;
    const rand = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const bits = ['a', 'bc', ',', ',', '"', '""', '\r', ' ', '中文', '😀', '"x,y"', '\uFEFF'];
    // bytes no encoder writes: lone GB18030 lead bytes, half 4-byte sequences, 0x80, 0xFF
    const raw = [[0x81], [0x84, 0x31], [0x81, 0x30, 0x81], [0x80], [0xff], [0xa1, 0x7f]];
    for (let round = 0; round < 80; round++) {
      const rules = RULES[round % RULES.length]!;
      const pieces: Buffer[] = [];
      const n = 5 + rand(40);
      for (let i = 0; i < n; i++) {
        const parts = rand(8);
        for (let j = 0; j < parts; j++) {
          if (rules.encoding === 'gbk' && rand(6) === 0) pieces.push(Buffer.from(raw[rand(raw.length)]!));
          else pieces.push(encode(bits[rand(bits.length)]!, rules));
        }
        if (i < n - 1 || rand(2) === 0) pieces.push(Buffer.from(rand(4) === 0 ? '\n' : '\r\n'));
      }
      await same(Buffer.concat(pieces), rules, [1, 5, 1 << 16]);
    }
  });

  it('answers as csv-parse alone across many chunks of a large file', async () => {
    const rules = RULES[2]!;
    const lines: string[] = ['2,1.00,1.00'];
    for (let i = 0; i < 6000; i++) {
      const desc = i % 7 === 0 ? `"商品,${i}"` : i % 11 === 0 ? '"a ""b"""' : `商品${i}`;
      lines.push(`T${i},S${i},O${i},20261124010101,0,,1.00,0.99,,,,,0.01,,${desc},00081,`);
    }
    const want = await same(encode(lines.join('\r\n'), rules), rules, [1000, 4093, 1 << 16]);
    expect(want.length).toBe(6000);
  });
});

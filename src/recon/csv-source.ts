import { isAscii, isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { Parser as CsvParser } from 'csv-parse';
import { UsageError } from '../core/errors.js';
import { FieldSplitter, type QuoteAnswers, type QuoteParser } from './field-splitter.js';
import { LineGuard, type LineRules } from './line-guard.js';

/** The character set of a CSV file: UTF-8 with or without BOM, or GBK (read as its superset GB18030). */
export type FileEncoding = 'utf8' | 'utf8-bom' | 'gbk';

const CHUNK = 1 << 20;

/**
 * Decide the character set. The spec names none; Chinese banks commonly write GBK. A GBK
 * text of any length is practically never valid UTF-8, so the first chunk holding non-ASCII
 * bytes decides; an all-ASCII file reads the same either way.
 */
export async function detectEncoding(path: string): Promise<FileEncoding> {
  const fh = await openOrFail(path);
  try {
    const buf = Buffer.alloc(CHUNK);
    let carry = Buffer.alloc(0);
    let first = true;
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, CHUNK, null);
      if (bytesRead === 0) return 'utf8';
      let chunk = Buffer.concat([carry, buf.subarray(0, bytesRead)]);
      if (first && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) return 'utf8-bom';
      first = false;
      // a newline is a character boundary in both encodings: judge whole lines only
      let cut = bytesRead < CHUNK ? chunk.length : chunk.lastIndexOf(0x0a) + 1;
      // a line longer than a chunk is judged piecewise, cut at a character boundary, so the
      // carry never grows (it did, quadratically, on a one-line file)
      if (cut === 0) cut = utf8Boundary(chunk);
      carry = Buffer.from(chunk.subarray(cut));
      chunk = chunk.subarray(0, cut);
      if (!isAscii(chunk)) return isUtf8(firstNonAsciiLine(chunk)) ? 'utf8' : 'gbk';
      if (bytesRead < CHUNK) return 'utf8';
    }
  } finally {
    await fh.close();
  }
}

/**
 * The first line holding a non-ASCII byte decides: in a file mixing encodings, that line's
 * encoding is the file's, and the lines in the other one are reported one by one.
 */
function firstNonAsciiLine(buf: Buffer): Buffer {
  let i = 0;
  while (i < buf.length && buf[i]! < 0x80) i++;
  const end = buf.indexOf(0x0a, i);
  return buf.subarray(buf.lastIndexOf(0x0a, i) + 1, end < 0 ? buf.length : end);
}

/** The end of `buf` without a trailing incomplete UTF-8 sequence. */
function utf8Boundary(buf: Buffer): number {
  let end = buf.length;
  for (let back = 0; back < 3 && end > 0 && (buf[end - 1]! & 0xc0) === 0x80; back++) end--;
  // end now sits after a lead byte (or an ASCII byte): cut before a lead byte
  return end > 0 && buf[end - 1]! >= 0xc0 ? end - 1 : buf.length;
}

/** The first `maxBytes` of a file decoded, BOM removed: enough for the summary and header lines. */
export async function readHead(path: string, encoding: FileEncoding, maxBytes = 64 * 1024): Promise<string> {
  const fh = await openOrFail(path);
  try {
    const buf = Buffer.alloc(maxBytes);
    const { bytesRead } = await fh.read(buf, 0, maxBytes, 0);
    const bytes = buf.subarray(0, bytesRead);
    if (encoding === 'gbk') {
      const { default: iconv } = await import('iconv-lite');
      return iconv.decode(bytes, 'gb18030');
    }
    return bytes.toString('utf8').replace(/^\uFEFF/, '');
  } finally {
    await fh.close();
  }
}

/** Called for every record with its fields and the 1-based line it ends on. */
export type RecordHandler = (fields: string[], line: number) => void;
/** Called for a line csv-parse could not read (bad quoting and the like). */
export type SkipHandler = (line: number, reason: string) => void;

/**
 * Stream a CSV file's records from `fromLine` on. The line guard passes only lines that can be
 * read on their own; the field splitter cuts those without a quote itself and gives the others
 * to csv-parse, inside whose synchronous `push` (a subclass of its Parser) `info.lines` is the
 * line the record ends on: no per-record info object (`on_record`, `info: true` cost ~30 % of
 * the parse) and no object-mode stream traffic. Column counts are checked by the caller.
 */
export async function streamRecords(
  path: string,
  rules: LineRules,
  onRecord: RecordHandler,
  onSkip: SkipHandler,
): Promise<void> {
  const { encoding, fromLine } = rules;
  const splitter = await recordReader(fromLine, onRecord, onSkip, encoding === 'gbk');
  const source = createReadStream(path);
  const guard = new LineGuard(rules, onSkip);
  try {
    await pipeline(source, guard, splitter);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const e = err as NodeJS.ErrnoException & { lines?: number };
    if (e.code === 'ENOENT' || e.code === 'EISDIR' || e.code === 'EACCES') throw unreadable(path, e);
    const where = e.lines ? `:${e.lines}` : '';
    throw new UsageError(`${path}${where}: cannot read the file as CSV: ${e.message.split('\n')[0]}`, {
      code: 'RECON_UNREADABLE',
      cause: err,
    });
  }
}

/**
 * The end of the reading pipeline, after the guard: the records of the lines from `fromLine`
 * on, with their line numbers, and csv-parse's complaints. It takes the guard's bytes (`gbk`:
 * GB18030, decoded field by field; else UTF-8).
 */
export async function recordReader(
  fromLine: number,
  onRecord: RecordHandler,
  onSkip: SkipHandler,
  gbk = false,
): Promise<FieldSplitter> {
  // where the last good record ended: a bad record starts after it
  let lastEnd = fromLine - 1;
  const { Parser } = await import('csv-parse');
  let gb18030: ((bytes: Buffer) => string) | undefined;
  if (gbk) {
    const { default: iconv } = await import('iconv-lite');
    const decoder = iconv.getDecoder('gb18030', { stripBOM: false });
    // iconv gives a lone surrogate for some bad 4-byte sequences; csv-parse read its text as
    // UTF-8, where each became U+FFFD, as toWellFormed() makes it (Node 20, ES2024)
    gb18030 = (bytes) =>
      ((decoder.write(bytes) + (decoder.end() ?? '')) as string & { toWellFormed(): string }).toWellFormed();
  }
  return new FieldSplitter(
    fromLine,
    (answers) => quoteParser(Parser, fromLine, answers),
    (fields, line) => {
      lastEnd = line;
      onRecord(fields, line);
    },
    (err) => {
      // the guard lets no record span lines: the error is on the line it names
      const line = err.lines ?? lastEnd + 1;
      onSkip(line, err.message.split('\n')[0] ?? 'unreadable line');
      lastEnd = line;
    },
    gb18030,
  );
}

/**
 * csv-parse, for the lines holding a quote. Its records are taken inside its synchronous
 * `push`, where `info.lines` is the line the record ends on; an error thrown while answering
 * is kept for the splitter to raise (thrown inside csv-parse's loop it would escape).
 */
function quoteParser(Parser: typeof CsvParser, fromLine: number, answers: QuoteAnswers): QuoteParser {
  class LineParser extends Parser implements QuoteParser {
    failure: Error | undefined;
    override push(record: unknown): boolean {
      if (record === null) return super.push(null);
      if (this.failure) return false;
      try {
        answers.record(record as string[], this.info.lines);
      } catch (err) {
        this.failure = err as Error;
        return false;
      }
      return true;
    }
  }
  const parser: LineParser = new LineParser({
    from_line: fromLine,
    // the splitter takes the file's BOM; csv-parse never sees the file's start
    bom: false,
    relax_column_count: true,
    skip_empty_lines: true,
    record_delimiter: ['\r\n', '\n'],
    skip_records_with_error: true,
    on_skip: (err: (Error & { lines?: number }) | undefined) => {
      if (!err || parser.failure) return;
      try {
        answers.skip(err);
      } catch (e) {
        parser.failure = e as Error;
      }
    },
  });
  // csv-parse raises nothing else with skip_records_with_error; if it did, the splitter says so
  parser.on('error', (err) => {
    parser.failure ??= err;
  });
  parser.resume();
  return parser;
}

async function openOrFail(path: string) {
  try {
    const fh = await open(path, 'r');
    // open(2) succeeds on a directory; only the first read would fail, outside this catch
    if ((await fh.stat()).isDirectory()) {
      await fh.close();
      throw Object.assign(new Error(`EISDIR: ${path}`), { code: 'EISDIR' });
    }
    return fh;
  } catch (err) {
    throw unreadable(path, err as NodeJS.ErrnoException);
  }
}

function unreadable(path: string, err: NodeJS.ErrnoException): UsageError {
  const why = err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'is a directory' : err.message;
  return new UsageError(`${path}: ${why}`, { code: 'RECON_UNREADABLE', cause: err });
}

import { isAscii, isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { UsageError } from '../core/errors.js';
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
 * Stream a CSV file's records from `fromLine` on. Records are taken inside csv-parse's
 * synchronous `push` (a subclass of its Parser), where `info.lines` is the line the record
 * ends on: no per-record info object (`on_record`, `info: true` cost ~30 % of the parse) and
 * no object-mode stream traffic. Column counts are checked by the caller:
 * `relax_column_count` costs nothing while lines agree with the first one read.
 */
export async function streamRecords(
  path: string,
  rules: LineRules,
  onRecord: RecordHandler,
  onSkip: SkipHandler,
): Promise<void> {
  const { encoding, fromLine } = rules;
  const { Parser } = await import('csv-parse');
  // where the last good record ended: a bad record starts after it (an unclosed quote is
  // only noticed lines later, at the end of the file)
  let lastEnd = fromLine - 1;
  let failed = false;
  class LineParser extends Parser {
    override push(record: unknown): boolean {
      if (record === null) return super.push(null);
      if (failed) return false;
      lastEnd = this.info.lines;
      try {
        onRecord(record as string[], lastEnd);
      } catch (err) {
        // thrown inside csv-parse's loop it would escape the stream: fail the pipeline instead
        failed = true;
        this.destroy(err as Error);
        return false;
      }
      return true;
    }
  }
  const parser = new LineParser({
    from_line: fromLine,
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    // the guard passes each line's own end and puts "\n" where it dropped a line
    record_delimiter: ['\r\n', '\n'],
    skip_records_with_error: true,
    on_skip: (err: (Error & { lines?: number }) | undefined) => {
      if (!err) return;
      // the guard lets no record span lines: the error is on the line it names
      const line = err.lines ?? lastEnd + 1;
      onSkip(line, err.message.split('\n')[0] ?? 'unreadable line');
      lastEnd = line;
    },
  });
  parser.resume();
  const source = createReadStream(path);
  const guard = new LineGuard(rules, onSkip);
  try {
    if (encoding === 'gbk') {
      const { default: iconv } = await import('iconv-lite');
      await pipeline(source, guard, iconv.decodeStream('gb18030'), parser);
    } else {
      await pipeline(source, guard, parser);
    }
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

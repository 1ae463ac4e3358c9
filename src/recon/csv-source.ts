import { isAscii, isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { UsageError } from '../core/errors.js';

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
      const cut = bytesRead < CHUNK ? chunk.length : chunk.lastIndexOf(0x0a) + 1;
      carry = Buffer.from(chunk.subarray(cut));
      chunk = chunk.subarray(0, cut);
      if (!isAscii(chunk)) return isUtf8(chunk) ? 'utf8' : 'gbk';
      if (bytesRead < CHUNK) return 'utf8';
    }
  } finally {
    await fh.close();
  }
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
  encoding: FileEncoding,
  fromLine: number,
  onRecord: RecordHandler,
  onSkip: SkipHandler,
): Promise<void> {
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
    skip_records_with_error: true,
    on_skip: (err: (Error & { lines?: number }) | undefined) => {
      if (!err) return;
      const end = err.lines ?? lastEnd + 1;
      const start = Math.min(lastEnd + 1, end);
      const reason = err.message.split('\n')[0] ?? 'unreadable line';
      onSkip(start, end > start ? `${reason} (lines ${start}-${end})` : reason);
      lastEnd = end;
    },
  });
  parser.resume();
  const source = createReadStream(path);
  try {
    if (encoding === 'gbk') {
      const { default: iconv } = await import('iconv-lite');
      await pipeline(source, iconv.decodeStream('gb18030'), parser);
    } else {
      await pipeline(source, parser);
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

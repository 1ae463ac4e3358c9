import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/**
 * The longest journal line read as a line (bytes). imp writes lines of a few hundred bytes; a
 * longer one is garbage or damage, and is read in bounded memory: its first bytes are kept for
 * the excerpt and its SHA-256 computed as it streams by (a 300 MB line costs no more memory).
 */
export const MAX_JOURNAL_LINE_BYTES = 64 * 1024;

/** One line of the file. */
export interface RawLine {
  /** 1-based line number. */
  n: number;
  /** The line's text (without the newline); only its first bytes when {@link tooLong}. */
  text: string;
  /** The line was longer than {@link MAX_JOURNAL_LINE_BYTES}. */
  tooLong: boolean;
  /** SHA-256 (hex) of the whole line, computed only for too-long lines (others hash `text`). */
  digest?: string;
  /** Byte offset just past this line's newline. */
  end: number;
  /** false for a last line without a newline (a writer may still be writing it). */
  complete: boolean;
}

/** Read a file line by line from byte `start` (see {@link readRawLineBatches}). */
export async function* readRawLines(file: string, start = 0, firstLine = 1): AsyncGenerator<RawLine> {
  for await (const batch of readRawLineBatches(file, start, firstLine)) yield* batch;
}

/**
 * Read a file's lines from byte `start` (up to byte `end`, when given), never holding more than
 * one bounded line beyond the chunk being read. A file that does not exist yields nothing. The lines come in batches, those
 * that end in one 64 KiB chunk: every command reads its whole journal, and a step of an async
 * generator per line cost more than reading the line (bench/journal-read.mjs).
 */
export async function* readRawLineBatches(
  file: string,
  start = 0,
  firstLine = 1,
  end?: number,
): AsyncGenerator<RawLine[]> {
  if (end !== undefined && end <= start) return;
  // `end` is exclusive here, inclusive for createReadStream
  const stream = createReadStream(file, {
    start,
    ...(end === undefined ? {} : { end: end - 1 }),
    highWaterMark: 64 * 1024,
  });
  let parts: Buffer[] = [];
  let size = 0;
  let hash: Hash | undefined;
  let head: Buffer | undefined;
  let n = firstLine - 1;
  let offset = start;
  const finish = (complete = true): RawLine => {
    n++;
    if (hash) {
      const line: RawLine = {
        n,
        text: (head as Buffer).toString('utf8'),
        tooLong: true,
        digest: hash.digest('hex'),
        end: offset,
        complete,
      };
      hash = undefined;
      head = undefined;
      return line;
    }
    let buf = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, size);
    if (buf.length > 0 && buf[buf.length - 1] === 0x0d) buf = buf.subarray(0, buf.length - 1);
    parts = [];
    size = 0;
    return { n, text: buf.toString('utf8'), tooLong: false, end: offset, complete };
  };
  const take = (piece: Buffer) => {
    if (hash) {
      hash.update(piece);
      return;
    }
    parts.push(piece);
    size += piece.length;
    if (size > MAX_JOURNAL_LINE_BYTES) {
      const all = Buffer.concat(parts, size);
      head = Buffer.from(all.subarray(0, 256));
      hash = createHash('sha256').update(all);
      parts = [];
      size = 0;
    }
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let from = 0;
      const batch: RawLine[] = [];
      for (;;) {
        const nl = chunk.indexOf(0x0a, from);
        if (nl < 0) break;
        take(chunk.subarray(from, nl));
        offset += nl + 1 - from;
        batch.push(finish());
        from = nl + 1;
      }
      if (batch.length > 0) yield batch;
      if (from < chunk.length) {
        // copied: the stream may reuse nothing, but a slice keeps the whole 64 KiB chunk alive
        take(Buffer.from(chunk.subarray(from)));
        offset += chunk.length - from;
      }
    }
    if (size > 0 || hash) yield [finish(false)];
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  } finally {
    stream.destroy();
  }
}

/**
 * Number lines whose text comes from elsewhere than a file (the shared journal's rows, in row
 * order, a batch of rows at a time) as {@link readRawLineBatches} numbers a file's, with the same limit: a line longer than
 * {@link MAX_JOURNAL_LINE_BYTES} keeps only its first bytes (and the digest of the whole), so
 * the reader judges both backends alike.
 */
export async function* numberLines(batches: AsyncIterable<string[]>): AsyncGenerator<RawLine[]> {
  let n = 0;
  for await (const texts of batches) {
    yield texts.map((text): RawLine => {
      n++;
      if (Buffer.byteLength(text, 'utf8') <= MAX_JOURNAL_LINE_BYTES) {
        return { n, text, tooLong: false, end: n, complete: true };
      }
      const all = Buffer.from(text, 'utf8');
      return {
        n,
        text: all.subarray(0, 256).toString('utf8'),
        tooLong: true,
        digest: createHash('sha256').update(all).digest('hex'),
        end: n,
        complete: true,
      };
    });
  }
}

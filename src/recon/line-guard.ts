import { isAscii, isUtf8 } from 'node:buffer';
import { Transform, type TransformCallback } from 'node:stream';
import type { FileEncoding } from './csv-source.js';

/** What a line of a reconciliation or ledger file must be before csv-parse sees it. */
export interface LineRules {
  /** Longer lines are reported and dropped without being held in memory. */
  maxLineBytes: number;
  /** The bank file's declared shape: every line ends in CRLF (the last may end the file). */
  crlf: boolean;
  /** The file's character set as detected: a line in the other one is reported. */
  encoding: FileEncoding;
  /** Lines before this one (summary, header) are passed on without being reported. */
  fromLine: number;
}

/** Called for a line the guard dropped, with its 1-based number. */
export type LineProblemHandler = (line: number, reason: string) => void;

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const EMPTY_LINE = Buffer.from([LF]);

/**
 * A byte stream that hands csv-parse only lines it can read on their own, so that no line
 * ever swallows the records after it. A line that is too long, ends in a bare LF where CRLF
 * is declared, leaves a quote open (an odd number of `"`: in CSV a field's quotes pair up
 * within its line unless the field runs on into the next one), or is in the other encoding
 * is reported and replaced by an empty line: csv-parse skips it and its line count, hence
 * every later line number, stays right. Good lines pass through as slices of the input.
 * Work and memory are linear in the input: a line is held at most up to `maxLineBytes`.
 * (`"`, CR and LF are never trail bytes of GBK/GB18030, so the byte scan is safe there too.)
 */
export class LineGuard extends Transform {
  private line = 0;
  private carry: Buffer[] = [];
  private carryLen = 0;
  /** The current line already passed `maxLineBytes`: drop it up to its LF. */
  private overflow = false;

  constructor(
    private readonly rules: LineRules,
    private readonly onProblem: LineProblemHandler,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    const max = this.rules.maxLineBytes;
    let pos = 0;
    let goodFrom = -1;
    const flushGood = (to: number) => {
      if (goodFrom >= 0 && to > goodFrom) this.push(chunk.subarray(goodFrom, to));
      goodFrom = -1;
    };
    // the encoding of every complete line in this chunk at once; per line only when it fails
    const lastLf = chunk.lastIndexOf(LF);
    const region = lastLf < 0 ? undefined : chunk.subarray(0, lastLf + 1);
    const encodingOk =
      region !== undefined &&
      (this.rules.encoding === 'gbk' ? isAscii(region) : isAscii(region) || isUtf8(region));
    let nextQuote = chunk.indexOf(QUOTE);
    for (;;) {
      const lf = chunk.indexOf(LF, pos);
      if (lf < 0) break;
      this.line++;
      if (pos === 0 && (this.carryLen > 0 || this.overflow)) {
        // a line begun in an earlier chunk
        const tooLong = this.overflow || this.carryLen + lf + 1 > max;
        const whole = tooLong ? undefined : Buffer.concat([...this.carry, chunk.subarray(0, lf + 1)]);
        this.carry = [];
        this.carryLen = 0;
        this.overflow = false;
        const why = whole ? this.check(whole, 0, whole.length, true, whole.indexOf(QUOTE)) : this.tooLong();
        if (why) this.dropLine(why);
        else this.push(whole);
      } else {
        if (nextQuote >= 0 && nextQuote < pos) nextQuote = chunk.indexOf(QUOTE, pos);
        const why =
          lf + 1 - pos > max ? this.tooLong() : this.check(chunk, pos, lf + 1, !encodingOk, nextQuote);
        if (why) {
          flushGood(pos);
          this.dropLine(why);
        } else if (goodFrom < 0) goodFrom = pos;
      }
      pos = lf + 1;
    }
    flushGood(pos);
    const tail = chunk.length - pos;
    if (tail > 0) {
      if (this.overflow || this.carryLen + tail > max) {
        this.overflow = true;
        this.carry = [];
        this.carryLen = 0;
      } else {
        this.carry.push(chunk.subarray(pos));
        this.carryLen += tail;
      }
    }
    done();
  }

  override _flush(done: TransformCallback): void {
    // the last line, without a line end
    if (this.carryLen > 0 || this.overflow) {
      this.line++;
      const whole = this.overflow ? undefined : Buffer.concat(this.carry);
      const why = whole
        ? this.check(whole, 0, whole.length, true, whole.indexOf(QUOTE), true)
        : this.tooLong();
      if (why) this.report(why);
      else this.push(whole);
    }
    done();
  }

  private tooLong(): string {
    return `line longer than ${this.rules.maxLineBytes} bytes`;
  }

  private dropLine(why: string): void {
    this.report(why);
    this.push(EMPTY_LINE);
  }

  private report(why: string): void {
    if (this.line >= this.rules.fromLine) this.onProblem(this.line, why);
  }

  /** The reason `buf[start, end)` (its LF included, unless `last`) cannot be read, or undefined. */
  private check(
    buf: Buffer,
    start: number,
    end: number,
    checkEncoding: boolean,
    firstQuote: number,
    last = false,
  ): string | undefined {
    if (this.rules.crlf && !last && (end - start < 2 || buf[end - 2] !== CR)) {
      return 'the line ends in a bare LF; the bank file declares CRLF line ends';
    }
    if (firstQuote >= start && firstQuote < end) {
      let quotes = 0;
      for (let q = firstQuote; q >= 0 && q < end; q = buf.indexOf(QUOTE, q + 1)) quotes++;
      if (quotes % 2 === 1) return 'a quoted field runs past the end of the line (unbalanced ")';
      const misplaced = quoteProblem(buf, start, end);
      if (misplaced) return misplaced;
    }
    if (checkEncoding) {
      const bytes = buf.subarray(start, end);
      if (!isAscii(bytes)) {
        const utf8 = isUtf8(bytes);
        if (this.rules.encoding === 'gbk' && utf8) return 'the line is UTF-8 in a GBK file (mixed encodings)';
        if (this.rules.encoding !== 'gbk' && !utf8) {
          return 'the line is not valid UTF-8 in a UTF-8 file (GBK text? mixed encodings)';
        }
      }
    }
    return undefined;
  }
}

const COMMA = 0x2c;

/**
 * A line whose quotes pair up can still be one csv-parse cannot take: text after a closing quote
 * (`"商品"x`) or a quote inside a field that does not start with one. csv-parse would skip such a
 * record but stay inside a quote it thinks is open, swallowing the lines after it and reporting
 * lines that do not exist; dropped here, the line is reported by its own number and nothing
 * else is lost. Only lines with a quote come here. (In GBK and UTF-8 no byte of a multi-byte
 * character is `"` or `,`.)
 */
function quoteProblem(buf: Buffer, start: number, end: number): string | undefined {
  let stop = end;
  if (stop > start && buf[stop - 1] === LF) stop--;
  if (stop > start && buf[stop - 1] === CR) stop--;
  let fieldStart = true;
  let quoted = false;
  let closed = false;
  for (let i = start; i < stop; i++) {
    const c = buf[i];
    if (quoted) {
      if (c !== QUOTE) continue;
      if (i + 1 < stop && buf[i + 1] === QUOTE) i++;
      else {
        quoted = false;
        closed = true;
      }
    } else if (c === COMMA) {
      fieldStart = true;
      closed = false;
    } else if (closed) {
      return 'text follows a closing quote (a quoted field must end at its quote)';
    } else if (c === QUOTE) {
      if (!fieldStart) return 'a quote inside a field that does not start with one';
      quoted = true;
      fieldStart = false;
    } else fieldStart = false;
  }
  return undefined;
}

import { Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

/** Takes a line's fields and the line number csv-parse gives it; may throw to stop the reading. */
export type FieldsHandler = (fields: string[], line: number) => void;
/** Takes csv-parse's error for a line it skipped. */
export type ParseErrorHandler = (err: Error & { lines?: number }) => void;
/** How csv-parse answers a line sent to it: its fields, or the error it skipped it with. */
export interface QuoteAnswers {
  record(fields: string[], line: number): void;
  skip(err: Error & { lines?: number }): void;
}

/** The csv-parse stream that reads the lines holding a quote (made in csv-source.ts). */
export interface QuoteParser extends Writable {
  /** The first error an answer threw inside csv-parse, if any. */
  readonly failure: Error | undefined;
}

const CR = 13;
/** U+FEFF in GB18030, read as Latin-1. */
const GB18030_BOM = '\x84\x31\x95\x33';
const HIGH = /[^\x00-\x7f]/g;
const RECENT = 4;

/**
 * The end of the reading pipeline: cuts the line guard's lines into fields. A line without a
 * double quote is, by RFC 4180, just its fields split on commas, and that is what csv-parse
 * gives for it; split here it costs a fraction of csv-parse's character loop (bench/README.md
 * has the figures). A line holding a quote goes to csv-parse. The results are csv-parse's to
 * the letter (test/unit/recon/field-splitter.test.ts compares the two on tricky lines):
 * - a record ends at LF or CRLF only; a bare CR stays in its field;
 * - empty lines give no record; lines before `fromLine` give none; one BOM at the start goes;
 * - the line number is csv-parse's: it counts a CR not followed by LF as a line break too, so
 *   every later line is numbered one further (csv-parse's way; the guard counts LFs only).
 * The guard has already dropped every line csv-parse would misread, so no quote runs on past
 * its line. csv-parse gets the lines with a quote, and an empty line for each other line
 * before them, so that its own count (`from_line`, its messages' "at line N") is the file's.
 */
export class FieldSplitter extends Writable {
  private carry = '';
  private started = false;
  /** csv-parse's number of the line that starts next (LFs and bare CRs before it, plus one). */
  private csvLine = 1;
  /** csv-parse's number of the next line the quote parser reads. */
  private parserAt = 1;
  /** Lines of the quote parser's not answered yet (it answers a line once text follows it). */
  private held: number[] = [];
  /** Records of lines after the first held one: they wait for its answer. */
  private waiting: { fields: string[]; line: number }[] = [];
  private readonly decoder = new StringDecoder('utf8');
  private readonly parser: QuoteParser;
  /** GB18030 only: the bytes of the chunk being cut (its text is their Latin-1 reading). */
  private bytes: Buffer | undefined;
  private carryBytes: Buffer | undefined;
  /** GB18030 only: where the next non-ASCII byte of the chunk is (-1: none). */
  private high = -1;
  /** GB18030 only: the last fields decoded, by their bytes read as Latin-1 (a ring). */
  private readonly recent: { length: number; last: number; bytes: string; text: string }[] = [];
  private oldest = 0;

  /**
   * `gb18030`: the file is GB18030 and this decodes a piece of it from a fresh state. Its lines
   * are then cut as bytes (read as Latin-1, which is ASCII's own text for ASCII bytes) and only
   * the fields holding other bytes are decoded: no byte of a multi-byte character is below
   * 0x30, so a comma, quote, CR or LF ends any sequence, and a field decoded alone is exactly
   * its part of the whole file decoded (field-splitter.test.ts compares them, invalid bytes too).
   */
  constructor(
    private readonly fromLine: number,
    parserFor: (answers: QuoteAnswers) => QuoteParser,
    private readonly onFields: FieldsHandler,
    onParseError: ParseErrorHandler,
    private readonly gb18030?: (bytes: Buffer) => string,
  ) {
    super({ decodeStrings: false });
    this.parser = parserFor({
      record: (fields, line) => {
        this.flush(line);
        this.onFields(fields, line);
        this.answered(line);
      },
      skip: (err) => {
        const line = err.lines ?? this.held[0] ?? this.csvLine;
        this.flush(line);
        onParseError(err);
        this.answered(line);
      },
    });
  }

  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    try {
      if (this.gb18030) {
        const piece = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        const bytes = this.carryBytes ? Buffer.concat([this.carryBytes, piece]) : piece;
        this.bytes = bytes;
        const used = this.lines(bytes.toString('latin1'));
        this.carryBytes = used < bytes.length ? bytes.subarray(used) : undefined;
      } else {
        let text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
        if (this.carry.length > 0) text = this.carry + text;
        this.carry = text.slice(this.lines(text));
      }
    } catch (err) {
      done(err as Error);
      return;
    }
    done();
  }

  override _final(done: (err?: Error | null) => void): void {
    let last: string;
    if (this.gb18030) {
      this.bytes = this.carryBytes;
      last = this.bytes?.toString('latin1') ?? '';
    } else last = this.carry + this.decoder.end();
    this.carry = '';
    try {
      if (last.length > 0) {
        // a CR ending the file is followed by nothing: no line break for csv-parse
        let bare = 0;
        for (let cr = last.indexOf('\r'); cr >= 0 && cr < last.length - 1; cr = last.indexOf('\r', cr + 1)) {
          bare++;
        }
        this.high = this.nextHigh(last, 0);
        this.line(last, this.afterBom(last, 0), last.length, last.length, bare, last.includes('"'));
      }
    } catch (err) {
      done(err as Error);
      return;
    }
    this.parser.end(() => {
      try {
        this.check();
        if (this.held.length > 0) throw new Error(`csv-parse did not answer line ${this.held[0]}`);
        this.flush(Number.POSITIVE_INFINITY);
        done();
      } catch (err) {
        done(err as Error);
      }
    });
  }

  /**
   * Where the file's first line starts after its BOM, one U+FEFF, as csv-parse took it (iconv
   * keeps GB18030's; U+FEFF's only GB18030 encoding is 84 31 95 33).
   */
  private afterBom(text: string, start: number): number {
    if (this.started) return start;
    this.started = true;
    if (!this.gb18030) return text.charCodeAt(start) === 0xfeff ? start + 1 : start;
    return text.startsWith(GB18030_BOM, start) ? start + GB18030_BOM.length : start;
  }

  /** GB18030 only: the first non-ASCII byte at or after `from` (-1: none). */
  private nextHigh(text: string, from: number): number {
    if (!this.gb18030) return -1;
    HIGH.lastIndex = from;
    return HIGH.test(text) ? HIGH.lastIndex - 1 : -1;
  }

  /** Hand on every whole line of `text`; returns where the unfinished last one starts. */
  private lines(text: string): number {
    let pos = 0;
    // the next CR and quote at or after `pos`, looked up again only once passed
    let cr = text.indexOf('\r');
    let quote = text.indexOf('"');
    this.high = this.nextHigh(text, 0);
    for (;;) {
      const lf = text.indexOf('\n', pos);
      if (lf < 0) return pos;
      if (!this.started) pos = this.afterBom(text, pos);
      const end = lf > pos && text.charCodeAt(lf - 1) === CR ? lf - 1 : lf;
      let bare = 0;
      while (cr >= 0 && cr < end) {
        if (cr >= pos) bare++;
        cr = text.indexOf('\r', cr + 1);
      }
      if (quote >= 0 && quote < pos) quote = text.indexOf('"', pos);
      if (this.high >= 0 && this.high < pos) this.high = this.nextHigh(text, pos);
      this.line(text, pos, end, lf + 1, bare, quote >= 0 && quote < end);
      pos = lf + 1;
    }
  }

  /**
   * One line: its text is `text[start, end)`, its raw form (line end included) `[start, rawEnd)`;
   * `bare`: the CRs in it that csv-parse counts as line breaks.
   */
  private line(
    text: string,
    start: number,
    end: number,
    rawEnd: number,
    bare: number,
    quoted: boolean,
  ): void {
    const first = this.csvLine;
    const line = first + bare;
    this.csvLine = line + 1;
    // csv-parse starts emitting at the line end before line `from_line`; empty lines give nothing
    if (first < this.fromLine || end === start) return;
    if (quoted) {
      this.send(first, this.text(text, start, rawEnd), line);
      return;
    }
    const fields: string[] = [];
    let from = start;
    for (;;) {
      const comma = text.indexOf(',', from);
      if (comma < 0 || comma >= end) break;
      fields.push(this.text(text, from, comma));
      from = comma + 1;
    }
    fields.push(this.text(text, from, end));
    if (this.held.length === 0) {
      this.onFields(fields, line);
      return;
    }
    this.waiting.push({ fields, line });
    // the lines passed since, as empty lines: csv-parse sees text after the held line and answers
    while (this.held.length > 0 && this.parserAt < this.csvLine) {
      this.parserAt++;
      this.parser.write('\n');
      this.check();
    }
  }

  /** `text[from, to)`, or in a GB18030 file its bytes decoded when they are not all ASCII. */
  private text(text: string, from: number, to: number): string {
    if (this.high < 0 || this.high >= to) return text.slice(from, to);
    this.high = this.nextHigh(text, to);
    // the same bytes decode the same: a bank file repeats its few goods' names line after line
    const length = to - from;
    const last = text.charCodeAt(to - 1);
    for (const r of this.recent) {
      if (r.length === length && r.last === last && text.startsWith(r.bytes, from)) return r.text;
    }
    const decoded = this.gb18030!(this.bytes!.subarray(from, to));
    const entry = { length, last, bytes: text.slice(from, to), text: decoded };
    if (this.recent.length < RECENT) this.recent.push(entry);
    else this.recent[this.oldest++ % RECENT] = entry;
    return decoded;
  }

  /** A line with a quote, to csv-parse: after an empty line for each line since the last one. */
  private send(first: number, raw: string, line: number): void {
    const pad = first - this.parserAt;
    this.held.push(line);
    this.parserAt = this.csvLine;
    this.parser.write(pad > 0 ? '\n'.repeat(pad) + raw : raw);
    this.check();
  }

  /** csv-parse answered `line`: the records up to the next held line follow it. */
  private answered(line: number): void {
    while (this.held.length > 0 && this.held[0]! <= line) this.held.shift();
    this.flush(this.held[0] ?? Number.POSITIVE_INFINITY);
  }

  /** Hand on the waiting records of lines before `before`. */
  private flush(before: number): void {
    let n = 0;
    while (n < this.waiting.length && this.waiting[n]!.line < before) {
      const w = this.waiting[n++]!;
      this.onFields(w.fields, w.line);
    }
    if (n > 0) this.waiting.splice(0, n);
  }

  private check(): void {
    if (this.parser.failure) throw this.parser.failure;
  }
}

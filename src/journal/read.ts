import { createHash } from 'node:crypto';
import { type Message, msg } from '../core/message.js';
import type { Text } from '../output/i18n.js';
import { type JournalCode, journalText } from '../output/messages/journal.js';
import { verifyLine } from './line-format.js';
import { MAX_JOURNAL_LINE_BYTES, type RawLine, readRawLineBatches } from './line-reader.js';
import type { JournalLine } from './types.js';
import { JOURNAL_STATES } from './types.js';

/**
 * Why a journal line could not be read: `not-json` (a fragment of a writer killed
 * mid-line, a damaged or blank line), `not-journal` (JSON, but not an object with
 * the fields a begin or finish line must have), `unknown-type` (a journal object
 * whose `type` is neither `begin` nor `finish`), `checksum` (its checksum does not match
 * its text: changed after it was written, or a line without one after checksummed lines),
 * `too-long` (longer than {@link MAX_JOURNAL_LINE_BYTES}).
 */
export const DAMAGE_REASONS = ['not-json', 'not-journal', 'unknown-type', 'checksum', 'too-long'] as const;
export type DamageReason = (typeof DAMAGE_REASONS)[number];

// The reasons as words: DAMAGE_REASON_TEXT in src/output/messages/journal.ts.

/** A line of the journal that the reader could not read (and did not yield). */
export interface DamagedLine {
  /** 1-based line number in the file. */
  line: number;
  reason: DamageReason;
  /** The start of the line (80 characters at most, control characters shown as `?`), for messages. */
  excerpt: string;
  /**
   * The whole line as read, for callers that search it (a refund looks for its order
   * number). Journal lines carry no secrets by design; print only {@link excerpt}. Only the
   * first bytes of a too-long line.
   */
  text: string;
  /** SHA-256 (hex) of the whole line as read, as a dismissal names it. */
  digest: string;
}

/** Options of {@link readJournalLines}. */
export interface ReadJournalOptions {
  /**
   * Called for every line that cannot be read and has not been dismissed, in file order, once
   * the whole file is read (a dismissal is written after the line it speaks of).
   */
  onDamaged?: (damaged: DamagedLine) => void;
  /** Called once, at the end, with the number of legacy lines (written before checksums), if any. */
  onLegacy?: (count: number) => void;
}

/**
 * A person's word, written to the journal by `imp journal dismiss`, that an unreadable line was
 * looked at (a fragment of a killed writer, say): it names the line by number and by the SHA-256
 * of its text, so an edit that moves or changes the line brings the damage back.
 */
export interface JournalDismissal {
  type: 'dismiss';
  id: string;
  at: string;
  line: number;
  sha256: string;
}

/** The SHA-256 (hex) of a journal line's text as read, as a dismissal names it. */
export function lineDigest(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

const EXCERPT_CHARS = 80;

/** The start of a line as it may be shown: at most 80 characters, control characters as `?`. */
export function excerptOf(text: string): string {
  // bounded before splitting into characters: a damaged line may be huge
  const chars = Array.from(text.slice(0, EXCERPT_CHARS * 2 + 2).trim());
  // a damaged line may hold NULs or terminal escapes: never print them
  const shown = chars
    .slice(0, EXCERPT_CHARS)
    .join('')
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return chars.length > EXCERPT_CHARS ? `${shown}…` : shown;
}

/**
 * Read a journal file (or a store's numbered lines: {@link numberLines}) line by line, in bounded
 * memory whatever its lines hold. A missing file is
 * an empty journal. A line that is not a complete journal object, whose checksum does not match,
 * or that is longer than {@link MAX_JOURNAL_LINE_BYTES} is not yielded but reported to
 * `onDamaged`: after a crash the writer starts a new line after a torn one, so a fragment may sit
 * anywhere in the file, and a line damaged any other way looks the same. Lines without a checksum
 * before the first line with one are legacy (written by an older imp): yielded, and counted for
 * `onLegacy`. Blank lines at the end of the file are not damage. Damage is reported when the
 * whole file has been read (a consumer that stops early hears of none), leaving out the lines a
 * {@link JournalDismissal} names.
 */
export async function* readJournalLines(
  source: string | AsyncIterable<RawLine[]>,
  options: ReadJournalOptions = {},
): AsyncGenerator<JournalLine> {
  for await (const batch of readJournalBatches(source, options)) yield* batch;
}

/**
 * {@link readJournalLines} in batches, as the lines were read (a file's chunk, a database's page
 * of rows): a command that folds the whole journal takes a step of async iteration per batch,
 * not per line (bench/journal-read.mjs).
 */
export async function* readJournalBatches(
  source: string | AsyncIterable<RawLine[]>,
  options: ReadJournalOptions = {},
): AsyncGenerator<JournalLine[]> {
  // blank lines are damage only when a line follows them (the writer never writes one)
  let blanks: number[] = [];
  const damaged: DamagedLine[] = [];
  const dismissed = new Set<string>();
  let checksummed = false;
  let legacy = 0;
  // a file's path, or numbered lines from a journal store (the shared journal's rows)
  for await (const raws of typeof source === 'string' ? readRawLineBatches(source) : source) {
    const good: JournalLine[] = [];
    for (const raw of raws) {
      const n = raw.n;
      if (!raw.tooLong && raw.text.trim() === '') {
        blanks.push(n);
        continue;
      }
      for (const b of blanks) damaged.push(damagedLine(b, 'not-json', ''));
      blanks = [];
      if (raw.tooLong) {
        damaged.push(damagedLine(n, 'too-long', raw.text, raw.digest));
        continue;
      }
      const parsed = parseLine(raw.text);
      if (typeof parsed === 'string') {
        damaged.push(damagedLine(n, parsed, raw.text));
        continue;
      }
      const verdict = verifyLine(raw.text);
      if (verdict === 'bad' || (verdict === 'none' && checksummed)) {
        damaged.push(damagedLine(n, 'checksum', raw.text));
        continue;
      }
      if (verdict === 'ok') checksummed = true;
      else legacy++;
      if (parsed.type === 'dismiss') dismissed.add(`${parsed.line}:${parsed.sha256}`);
      else good.push(parsed);
    }
    if (good.length > 0) yield good;
  }
  if (options.onDamaged) {
    for (const d of damaged) if (!dismissed.has(`${d.line}:${d.digest}`)) options.onDamaged(d);
  }
  if (legacy > 0) options.onLegacy?.(legacy);
}

function damagedLine(line: number, reason: DamageReason, text: string, digest?: string): DamagedLine {
  return { line, reason, excerpt: excerptOf(text), text, digest: digest ?? lineDigest(text) };
}

function parseLine(raw: string): JournalLine | JournalDismissal | DamageReason {
  let obj: unknown;
  try {
    obj = JSON.parse(raw);
  } catch {
    return 'not-json';
  }
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return 'not-journal';
  const o = obj as Record<string, unknown>;
  delete o.ck;
  if (o.type !== 'begin' && o.type !== 'finish' && o.type !== 'dismiss')
    return typeof o.type === 'string' ? 'unknown-type' : 'not-journal';
  if (typeof o.id !== 'string') return 'not-journal';
  const complete =
    o.type === 'begin'
      ? typeof o.txn === 'string'
      : o.type === 'finish'
        ? (JOURNAL_STATES as readonly unknown[]).includes(o.state)
        : Number.isInteger(o.line) && typeof o.sha256 === 'string';
  return complete ? (o as unknown as JournalLine | JournalDismissal) : 'not-journal';
}

/**
 * Counts the damaged lines of one read for the single warning a command prints
 * (pass it as the reader's options: it is one).
 */
export class JournalDamage implements ReadJournalOptions {
  count = 0;
  first?: DamagedLine;
  /** Lines written before checksums existed (read as they are). */
  legacy = 0;

  readonly onDamaged = (d: DamagedLine): void => {
    this.count++;
    this.first ??= d;
  };

  readonly onLegacy = (count: number): void => {
    this.legacy = count;
  };

  /**
   * One line naming the file, how many lines were unreadable and the first one; undefined when
   * none. `imp` is the command prefix of the hint (`imp -c <file> -p <profile>`).
   */
  warning(file: string, imp = 'imp'): Message<JournalCode> | undefined {
    const first = this.first;
    if (!first) return undefined;
    const { count } = this;
    return msg('damaged', {
      file,
      count,
      s: count === 1 ? '' : 's',
      line: first.line,
      reason: first.reason,
      imp,
    });
  }

  /** The one note about lines written before checksums, undefined when there are none. */
  legacyNote(file: string): Message<JournalCode> | undefined {
    if (this.legacy === 0) return undefined;
    return msg('legacy', { file, count: this.legacy, s: this.legacy === 1 ? '' : 's' });
  }

  /** Print {@link warning} (and the legacy note) on stderr, if there is one. */
  warn(
    out: { warn(line: string): void; note?(line: string): void; t(text: Text): string },
    file: string,
    imp?: string,
  ): void {
    const w = this.warning(file, imp);
    if (w) out.warn(out.t(journalText(w)));
    const l = this.legacyNote(file);
    if (l) (out.note ?? out.warn).call(out, out.t(journalText(l)));
  }
}

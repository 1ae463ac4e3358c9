import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Text } from '../output/i18n.js';
import type { JournalBegin, JournalEntry, JournalLine, JournalOutcome } from './types.js';
import { JOURNAL_STATES } from './types.js';

/**
 * Why a journal line could not be read: `not-json` (a fragment of a writer killed
 * mid-line, a damaged or blank line), `not-journal` (JSON, but not an object with
 * the fields a begin or finish line must have), `unknown-type` (a journal object
 * whose `type` is neither `begin` nor `finish`).
 */
export const DAMAGE_REASONS = ['not-json', 'not-journal', 'unknown-type'] as const;
export type DamageReason = (typeof DAMAGE_REASONS)[number];

/** The reasons as words, for warnings and refusals. */
export const DAMAGE_REASON_TEXT: Record<DamageReason, Text> = {
  'not-json': { zh: '不是 JSON', en: 'not JSON' },
  'not-journal': { zh: '不是日志记录', en: 'not a journal object' },
  'unknown-type': { zh: '未知类型', en: 'unknown type' },
};

/** A line of the journal that the reader could not read (and did not yield). */
export interface DamagedLine {
  /** 1-based line number in the file. */
  line: number;
  reason: DamageReason;
  /** The start of the line (80 characters at most, control characters shown as `?`), for messages. */
  excerpt: string;
  /**
   * The whole line as read, for callers that search it (a refund looks for its order
   * number). Journal lines carry no secrets by design; print only {@link excerpt}.
   */
  text: string;
}

/** Options of {@link readJournalLines}. */
export interface ReadJournalOptions {
  /**
   * Called for every line that cannot be read and has not been dismissed, in file order, once
   * the whole file is read (a dismissal is written after the line it speaks of).
   */
  onDamaged?: (damaged: DamagedLine) => void;
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
  const chars = Array.from(text.trim());
  // a damaged line may hold NULs or terminal escapes: never print them
  const shown = chars
    .slice(0, EXCERPT_CHARS)
    .join('')
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return chars.length > EXCERPT_CHARS ? `${shown}…` : shown;
}

/**
 * Read a journal file line by line. A missing file is an empty journal. A line
 * that is not a complete journal object is not yielded but reported to
 * `onDamaged`: after a crash the writer starts a new line after a torn one, so a
 * fragment may sit anywhere in the file, and a line damaged any other way looks
 * the same. Blank lines at the end of the file are not damage. Damage is reported when the
 * whole file has been read (a consumer that stops early hears of none), leaving out the lines
 * a {@link JournalDismissal} names.
 */
export async function* readJournalLines(
  file: string,
  options: ReadJournalOptions = {},
): AsyncGenerator<JournalLine> {
  const stream = createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  // blank lines are damage only when a line follows them (the writer never writes one)
  let blanks: number[] = [];
  const damaged: DamagedLine[] = [];
  const dismissed = new Set<string>();
  let n = 0;
  try {
    for await (const raw of lines) {
      n++;
      if (raw.trim() === '') {
        blanks.push(n);
        continue;
      }
      for (const b of blanks) damaged.push({ line: b, reason: 'not-json', excerpt: '', text: '' });
      blanks = [];
      const parsed = parseLine(raw);
      if (typeof parsed === 'string')
        damaged.push({ line: n, reason: parsed, excerpt: excerptOf(raw), text: raw });
      else if (parsed.type === 'dismiss') dismissed.add(`${parsed.line}:${parsed.sha256}`);
      else yield parsed;
    }
    if (options.onDamaged) {
      for (const d of damaged) if (!dismissed.has(`${d.line}:${lineDigest(d.text)}`)) options.onDamaged(d);
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  } finally {
    lines.close();
    stream.destroy();
  }
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

  readonly onDamaged = (d: DamagedLine): void => {
    this.count++;
    this.first ??= d;
  };

  /** One line naming the file, how many lines were unreadable and the first one; undefined when none. */
  warning(file: string): Text | undefined {
    const first = this.first;
    if (!first) return undefined;
    const why = DAMAGE_REASON_TEXT[first.reason];
    return {
      zh: `日志 ${file} 有 ${this.count} 行无法读取，已跳过（第一处：第 ${first.line} 行，${why.zh}；查看后用 imp journal dismiss ${first.line} 记录）`,
      en: `journal ${file}: ${this.count} unreadable line${this.count === 1 ? '' : 's'} skipped (first: line ${first.line}, ${why.en}; once looked at, imp journal dismiss ${first.line})`,
    };
  }

  /** Print {@link warning} on stderr, if there is one. */
  warn(out: { warn(line: string): void; t(text: Text): string }, file: string): void {
    const w = this.warning(file);
    if (w) out.warn(out.t(w));
  }
}

/**
 * Fold begin and outcome lines into entries, in the order their begin lines
 * were written. The latest outcome line of an entry wins; an entry with no
 * outcome line is `unknown` and `finished: false`.
 */
export async function foldJournal(
  lines: AsyncIterable<JournalLine> | Iterable<JournalLine>,
): Promise<JournalEntry[]> {
  const byId = new Map<string, JournalEntry>();
  const orphans = new Map<string, JournalOutcome[]>();
  for await (const line of lines) {
    if (line.type === 'begin') {
      const { type: _type, ...begin } = line;
      const entry = newEntry(begin);
      for (const o of orphans.get(begin.id) ?? []) apply(entry, o);
      orphans.delete(begin.id);
      byId.set(begin.id, entry);
    } else {
      const { type: _type, id, ...outcome } = line;
      const entry = byId.get(id);
      if (entry) apply(entry, outcome);
      else orphans.set(id, [...(orphans.get(id) ?? []), outcome]);
    }
  }
  return [...byId.values()];
}

function newEntry(begin: JournalBegin): JournalEntry {
  return {
    ...begin,
    state: 'unknown' as JournalEntry['state'],
    finished: false,
    history: [] as JournalOutcome[],
    updatedAt: begin.at,
  };
}

function apply(entry: JournalEntry, outcome: JournalOutcome): void {
  entry.history.push(outcome);
  entry.outcome = outcome;
  entry.state = outcome.state;
  entry.finished = true;
  if (outcome.transno) entry.transno = outcome.transno;
  if (outcome.at) entry.updatedAt = outcome.at;
}

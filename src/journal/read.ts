import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { JournalBegin, JournalEntry, JournalLine, JournalOutcome } from './types.js';
import { JOURNAL_STATES } from './types.js';

/**
 * Read a journal file line by line. A missing file is an empty journal; a line
 * that is not a complete JSON object (a writer killed mid-line) is skipped.
 */
export async function* readJournalLines(file: string): AsyncGenerator<JournalLine> {
  const stream = createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  try {
    for await (const raw of lines) {
      const line = parseLine(raw);
      if (line) yield line;
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  } finally {
    lines.close();
    stream.destroy();
  }
}

function parseLine(raw: string): JournalLine | undefined {
  const text = raw.trim();
  if (!text.startsWith('{') || !text.endsWith('}')) return undefined;
  try {
    const obj = JSON.parse(text) as JournalLine;
    if (typeof obj !== 'object' || obj === null || typeof obj.id !== 'string') return undefined;
    if (obj.type === 'begin' && typeof obj.txn === 'string') return obj;
    if (obj.type === 'finish' && (JOURNAL_STATES as readonly string[]).includes(obj.state)) return obj;
    return undefined;
  } catch {
    return undefined;
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
  return { ...begin, state: 'unknown', finished: false, history: [], updatedAt: begin.at };
}

function apply(entry: JournalEntry, outcome: JournalOutcome): void {
  entry.history.push(outcome);
  entry.outcome = outcome;
  entry.state = outcome.state;
  entry.finished = true;
  if (outcome.transno) entry.transno = outcome.transno;
  if (outcome.at) entry.updatedAt = outcome.at;
}

import type { DamagedLine, JournalDismissal } from './read.js';
import type { JournalEntry, JournalLine, JournalOutcome } from './types.js';

/**
 * Begin and outcome lines folded into entries, in the order their begin lines were written: the
 * latest outcome line of an entry wins; an entry with no outcome line is `unknown` and
 * `finished: false`. Lines can be added one at a time (a {@link Journal} adds the lines it
 * appends itself to the fold it read, so a command reads and folds its journal once). Once
 * entries have been handed out ({@link entries}), an entry is replaced, never changed, when an
 * outcome is added: entries handed out earlier keep what they said then. Before that (the read
 * itself, every line of the journal) an entry is completed in place: nobody else holds it.
 */
export class JournalFold {
  private readonly byId = new Map<string, JournalEntry>();
  /** Outcome lines met before their begin line (a begin line is always written first; damage may reorder). */
  private readonly orphans = new Map<string, JournalOutcome[]>();
  /** Unreadable lines of the read, less those a dismissal names (see readJournalLines). */
  damaged: DamagedLine[] = [];
  /** Lines written before checksums existed. */
  legacy = 0;
  /** {@link entries} was called: entries are copied, never changed, from then on. */
  private handedOut = false;

  add(line: JournalLine): void {
    if (line.type === 'begin') {
      let entry = newEntry(line);
      for (const o of this.orphans.get(line.id) ?? []) entry = this.applied(entry, o);
      this.orphans.delete(line.id);
      this.byId.set(line.id, entry);
    } else {
      const outcome = outcomeOf(line);
      const entry = this.byId.get(line.id);
      if (entry) this.byId.set(line.id, this.applied(entry, outcome));
      else this.orphans.set(line.id, [...(this.orphans.get(line.id) ?? []), outcome]);
    }
  }

  /** A dismissal appended after the read: the line it names is no longer reported. */
  dismiss(d: Pick<JournalDismissal, 'line' | 'sha256'>): void {
    this.damaged = this.damaged.filter((x) => !(x.line === d.line && x.digest === d.sha256));
  }

  /** Every entry, oldest first. */
  entries(): JournalEntry[] {
    this.handedOut = true;
    return [...this.byId.values()];
  }

  private applied(entry: JournalEntry, outcome: JournalOutcome): JournalEntry {
    return complete(this.handedOut ? { ...entry, history: [...entry.history] } : entry, outcome);
  }
}

/*
 * Every command folds every line of its journal (bench/journal-read.mjs), so the functions below
 * copy members in a loop instead of `const { type, ...rest } = line`: V8 builds a rest object
 * member by member in its slowest form, and spreading that object again is slower still. Paired
 * figures in the commits that made the changes.
 */

/** A begin line as an entry with no outcome yet: the line's members (not `type`) in their order. */
function newEntry(line: Extract<JournalLine, { type: 'begin' }>): JournalEntry {
  const entry = {} as Record<string, unknown>;
  for (const key in line) if (key !== 'type') entry[key] = line[key as keyof typeof line];
  entry.state = 'unknown';
  entry.finished = false;
  entry.history = [];
  entry.updatedAt = line.at;
  return entry as unknown as JournalEntry;
}

/** An outcome line's members other than `type` and `id`, in their order. */
function outcomeOf(line: Extract<JournalLine, { type: 'finish' }>): JournalOutcome {
  const outcome = {} as Record<string, unknown>;
  for (const key in line) if (key !== 'type' && key !== 'id') outcome[key] = line[key as keyof typeof line];
  return outcome as unknown as JournalOutcome;
}

/** `entry` (one nobody else holds) with `outcome` as its latest. */
function complete(entry: JournalEntry, outcome: JournalOutcome): JournalEntry {
  entry.history.push(outcome);
  entry.outcome = outcome;
  entry.state = outcome.state;
  entry.finished = true;
  if (outcome.transno) entry.transno = outcome.transno;
  if (outcome.at) entry.updatedAt = outcome.at;
  return entry;
}

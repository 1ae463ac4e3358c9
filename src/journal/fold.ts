import type { DamagedLine, JournalDismissal } from './read.js';
import type { JournalBegin, JournalEntry, JournalLine, JournalOutcome } from './types.js';

/**
 * Begin and outcome lines folded into entries, in the order their begin lines were written: the
 * latest outcome line of an entry wins; an entry with no outcome line is `unknown` and
 * `finished: false`. Lines can be added one at a time (a {@link Journal} adds the lines it
 * appends itself to the fold it read, so a command reads and folds its journal once). An entry
 * is replaced, never changed, when an outcome is added: entries handed out earlier keep what
 * they said then.
 */
export class JournalFold {
  private readonly byId = new Map<string, JournalEntry>();
  /** Outcome lines met before their begin line (a begin line is always written first; damage may reorder). */
  private readonly orphans = new Map<string, JournalOutcome[]>();
  /** Unreadable lines of the read, less those a dismissal names (see readJournalLines). */
  damaged: DamagedLine[] = [];
  /** Lines written before checksums existed. */
  legacy = 0;

  add(line: JournalLine): void {
    if (line.type === 'begin') {
      const { type: _type, ...begin } = line;
      let entry = newEntry(begin);
      for (const o of this.orphans.get(begin.id) ?? []) entry = applied(entry, o);
      this.orphans.delete(begin.id);
      this.byId.set(begin.id, entry);
    } else {
      const { type: _type, id, ...outcome } = line;
      const entry = this.byId.get(id);
      if (entry) this.byId.set(id, applied(entry, outcome));
      else this.orphans.set(id, [...(this.orphans.get(id) ?? []), outcome]);
    }
  }

  /** A dismissal appended after the read: the line it names is no longer reported. */
  dismiss(d: Pick<JournalDismissal, 'line' | 'sha256'>): void {
    this.damaged = this.damaged.filter((x) => !(x.line === d.line && x.digest === d.sha256));
  }

  /** Every entry, oldest first. */
  entries(): JournalEntry[] {
    return [...this.byId.values()];
  }
}

/** Fold lines into entries (see {@link JournalFold}). */
export async function foldJournal(
  lines: AsyncIterable<JournalLine> | Iterable<JournalLine>,
): Promise<JournalEntry[]> {
  const fold = new JournalFold();
  for await (const line of lines) fold.add(line);
  return fold.entries();
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

function applied(entry: JournalEntry, outcome: JournalOutcome): JournalEntry {
  return {
    ...entry,
    history: [...entry.history, outcome],
    outcome,
    state: outcome.state,
    finished: true,
    ...(outcome.transno ? { transno: outcome.transno } : {}),
    ...(outcome.at ? { updatedAt: outcome.at } : {}),
  };
}

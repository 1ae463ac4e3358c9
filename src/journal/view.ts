import { stat } from 'node:fs/promises';
import type { JournalFold } from './fold.js';
import type { JournalDismissal } from './read.js';
import type { JournalLine } from './types.js';

/**
 * The journal as one {@link Journal} object read it: folded once, then kept up to date with the
 * lines that object appends. `end`: the file's size before the read (a file journal), where a
 * refund's claim watch starts (claims.ts).
 */
export interface JournalView {
  fold: JournalFold;
  end?: number;
}

/**
 * A journal's fold, read once and reused (issue 17: a refund used to fold the journal up to four
 * times, a batch once per row). It follows the lines its journal appends. On a file it is also
 * read again when the file's size says another process appended since (one `stat`, no read):
 * `imp pay --wait` settling while `imp journal resolve` runs elsewhere sees that one's lines.
 * A shared journal's view follows this process's lines only, for one command: its order lock and
 * claim rule cover other machines' refunds.
 */
export class ViewCache {
  private viewed?: Promise<JournalView>;
  /** The fold of {@link viewed} once read, followed by {@link follow}. */
  private folded?: JournalFold;
  /** The file's size the fold accounts for (the read's start plus this process's lines). */
  private size?: number;
  /** This process's appends under way: the file may hold their bytes before they are followed. */
  private writing = 0;

  constructor(
    private readonly read: () => Promise<JournalView>,
    private readonly file?: string,
  ) {}

  async get(): Promise<JournalView> {
    if (this.viewed && this.folded && this.file !== undefined && this.writing === 0) {
      if ((await sizeOf(this.file)) !== this.size) this.drop();
    }
    if (this.viewed) return this.viewed;
    const reading = this.read().then(
      (view) => {
        // a line appended while reading may or may not be in it: such a view serves its readers only
        if (this.viewed === reading) {
          this.folded = view.fold;
          this.size = view.end;
        }
        return view;
      },
      (err: unknown) => {
        if (this.viewed === reading) this.drop();
        throw err;
      },
    );
    this.viewed = reading;
    return reading;
  }

  /** Around an append of this process (see {@link writing}); `text` once it is durable. */
  async appending(text: string, write: () => Promise<void>): Promise<void> {
    this.writing++;
    try {
      await write();
      this.follow(text);
    } finally {
      this.writing--;
    }
  }

  /** Add a line this process wrote (committed with an order lock, say) as a reader would read it back. */
  follow(text: string): void {
    const fold = this.folded;
    if (!fold) {
      // appended while the fold was being read: the next reader reads again
      this.drop();
      return;
    }
    if (this.size !== undefined) this.size += Buffer.byteLength(text, 'utf8') + 1;
    const line = JSON.parse(text) as (JournalLine | JournalDismissal) & { ck?: string };
    delete line.ck;
    if (line.type === 'dismiss') fold.dismiss(line);
    else fold.add(line);
  }

  private drop(): void {
    this.viewed = undefined;
    this.folded = undefined;
    this.size = undefined;
  }
}

/** A file's size (0 when missing), read before its lines: what a view accounts for. */
export function sizeOf(file: string): Promise<number> {
  return stat(file).then(
    (s) => s.size,
    () => 0,
  );
}

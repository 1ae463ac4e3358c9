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

/** A read of the file under way: its size once taken, and the lines this process appended after that. */
interface FileRead {
  /** The file's size when the read began: the read stops there. */
  sizing: Promise<number | undefined>;
  sized: boolean;
  /** Lines whose append began after {@link sizing}, in order: followed when the read is in. */
  after: string[];
  /** The fold the read made, once it is the view. */
  fold?: JournalFold;
}

/**
 * A journal's fold, read once and reused (issue 17: a refund used to fold the journal up to four
 * times, a batch once per row). It follows the lines its journal appends. On a file it is also
 * read again when the file's size says another process appended since (one `stat`, no read):
 * `imp pay --wait` settling while `imp journal resolve` runs elsewhere sees that one's lines.
 * A shared journal's view follows this process's lines only, for one command: its order lock and
 * claim rule cover other machines' refunds.
 *
 * A file is read up to its size when the read began, so every line of this process lies either
 * within the read or after it, and is in the view exactly once:
 * - a line whose append began once the view was in, or once the read under way had its size,
 *   lies after: it is followed (when the read is in);
 * - a line whose append began before that may lie within the read: the view is dropped when the
 *   line is written, and the next reader reads again.
 * {@link prefetch} lets `imp query` read its journal while the platform answers: its own begin
 * line, written meanwhile, is followed and costs no second read.
 */
export class ViewCache {
  private viewed?: Promise<JournalView>;
  /** The fold of {@link viewed} once read, followed by {@link follow}. */
  private folded?: JournalFold;
  /** The file's size the fold accounts for (the read's end plus this process's lines). */
  private size?: number;
  /** This process's appends under way: the file may hold their bytes before they are followed. */
  private writing = 0;
  /** The read of {@link viewed} on a file, from its start until it is dropped. */
  private reading?: FileRead;

  constructor(
    private readonly read: (end?: number) => Promise<JournalFold>,
    private readonly file?: string,
  ) {}

  async get(): Promise<JournalView> {
    if (this.viewed && this.folded && this.file !== undefined && this.writing === 0) {
      if ((await sizeOf(this.file)) !== this.size) this.drop();
    }
    if (this.viewed) return this.viewed;
    const file: FileRead = { sizing: Promise.resolve(undefined), sized: true, after: [] };
    if (this.file !== undefined) {
      file.sized = false;
      file.sizing = sizeOf(this.file).then((size) => {
        file.sized = true;
        return size;
      });
    }
    const reading = file.sizing
      .then(async (end) => ({ fold: await this.read(end), end }))
      .then(
        (view): JournalView => {
          if (this.viewed !== reading) return view;
          this.folded = view.fold;
          this.size = view.end;
          file.fold = view.fold;
          for (const text of file.after) this.follow(text);
          file.after = [];
          return { fold: view.fold, end: this.size };
        },
        (err: unknown) => {
          if (this.viewed === reading) this.drop();
          throw err;
        },
      );
    this.viewed = reading;
    this.reading = this.file === undefined ? undefined : file;
    return reading;
  }

  /**
   * Start reading the view if it is not read, and resolve once the read has the file's size: a
   * line this process appends from then on is followed, not a reason to read again.
   */
  async prefetch(): Promise<void> {
    this.get().catch(() => undefined); // a failed read is not kept: its reader gets the error
    await this.reading?.sizing;
  }

  /** Around an append of this process (see {@link writing}); `text` once it is durable. */
  async appending(text: string, write: () => Promise<void>): Promise<void> {
    // where the line lies against the view: after the fold held now, or after the read's size
    const held = this.folded;
    const after = this.reading?.sized ? this.reading : undefined;
    this.writing++;
    try {
      await write();
      if (held && held === this.folded) this.follow(text);
      else if (after && after === this.reading && !after.fold) after.after.push(text);
      else if (after?.fold && after.fold === this.folded) this.follow(text);
      else this.drop();
    } finally {
      this.writing--;
    }
  }

  /** Add a line this process wrote after the view's end, as a reader would read it back. */
  private follow(text: string): void {
    const fold = this.folded;
    if (!fold) return;
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
    this.reading = undefined;
  }
}

/** A file's size (0 when missing), read before its lines: what a view accounts for. */
export function sizeOf(file: string): Promise<number> {
  return stat(file).then(
    (s) => s.size,
    () => 0,
  );
}

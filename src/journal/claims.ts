import { stat } from 'node:fs/promises';
import { isOwnEntryId } from './entry-id.js';
import { readRawLines } from './line-reader.js';
import type { JournalStore } from './store.js';

/** A refund another process began on the same order while this one was planning. */
export interface Rival {
  id: string;
  refundno?: string;
  at?: string;
}

/**
 * The journal's claim rule for refunds, which holds even when the lock fails (a lock taken over
 * by two processes at once, a clock skewed by twenty minutes): a refund's begin line is its
 * claim, and of two processes that planned a refund of the same order from the same journal,
 * only the one whose begin line comes first in the file may send. The other sees the first one's
 * line when it reads the journal after writing its own, and records its own as `not_sent`.
 * Every process writes before it reads (the begin line is fsynced first), so at least one of
 * two racing processes sees the other, and the file order decides the same way for both.
 *
 * A watch starts where the journal ended when the refunds were read (a refund book) and reads
 * only what was appended since, once per check (a batch checks row after row).
 */
export interface Claims {
  /**
   * After this process's begin line `id` (a refund of `orderno`) is durable: another process's
   * begin of a refund of the same order written before it and not seen when the journal was
   * read, if any (then this one must not send).
   */
  rivalBefore(id: string, orderno: string): Promise<Rival | undefined>;
}

export class ClaimWatch implements Claims {
  private offset: number;
  private seq = 0;
  /** Position of every refund begin line seen: this process's own (by entry id) and others'. */
  private readonly own = new Map<string, number>();
  private readonly foreign = new Map<string, (Rival & { seq: number })[]>();

  private constructor(
    readonly file: string,
    start: number,
  ) {
    this.offset = start;
  }

  /**
   * A watch from `end` (where the journal ended when its refunds were read: {@link JournalView}),
   * or from the journal's current end (call before reading the journal's refunds).
   */
  static async start(file: string, end?: number): Promise<ClaimWatch> {
    const size =
      end ??
      (await stat(file).then(
        (s) => s.size,
        () => 0,
      ));
    return new ClaimWatch(file, size);
  }

  /**
   * After this process's begin line `id` (a refund of `orderno`) is on disk: another process's
   * begin of a refund of the same order written before it, if any (then this one must not send).
   */
  async rivalBefore(id: string, orderno: string): Promise<Rival | undefined> {
    await this.scan();
    const mine = this.own.get(id);
    if (mine === undefined) return undefined;
    return (this.foreign.get(orderno) ?? []).find((r) => r.seq < mine);
  }

  private async scan(): Promise<void> {
    for await (const raw of readRawLines(this.file, this.offset)) {
      if (!raw.complete) break; // being written: read again next time
      this.offset = raw.end;
      if (raw.tooLong || !raw.text.includes('"begin"')) continue;
      let o: Record<string, unknown>;
      try {
        o = JSON.parse(raw.text);
      } catch {
        continue;
      }
      if (o.type !== 'begin' || o.txn !== 'refund' || typeof o.id !== 'string') continue;
      const seq = ++this.seq;
      if (isOwnEntryId(o.id)) {
        this.own.set(o.id, seq);
      } else if (typeof o.orderno === 'string') {
        const list = this.foreign.get(o.orderno) ?? [];
        list.push({
          id: o.id,
          seq,
          refundno: o.refundno as string | undefined,
          at: o.at as string | undefined,
        });
        this.foreign.set(o.orderno, list);
      }
    }
  }
}

/**
 * The claim rule on a shared journal. Its order lock makes two refunds of one order one at a
 * time on every machine, and a refund that read the journal under that lock has seen every
 * earlier begin line of its order. A batch reads the journal once, before its rows' locks: a
 * row whose order another machine began refunding since then (a begin line written before this
 * one's and not in what was read) sends nothing, as on the file.
 */
export class OrderClaims implements Claims {
  constructor(
    private readonly store: JournalStore,
    /** The refund begin lines' entry ids in the journal as read. */
    private readonly known: ReadonlySet<string>,
  ) {}

  async rivalBefore(id: string, orderno: string): Promise<Rival | undefined> {
    const begins = (await this.store.refundBegins?.(orderno)) ?? [];
    let mine: number | undefined;
    const others: (Rival & { seq: number })[] = [];
    for (const b of begins) {
      let o: Record<string, unknown>;
      try {
        o = JSON.parse(b.text);
      } catch {
        continue;
      }
      if (o.txn !== 'refund' || typeof o.id !== 'string') continue;
      if (o.id === id) mine = b.seq;
      else if (!this.known.has(o.id) && !isOwnEntryId(o.id))
        others.push({
          id: o.id,
          seq: b.seq,
          refundno: o.refundno as string | undefined,
          at: o.at as string | undefined,
        });
    }
    if (mine === undefined) return undefined;
    return others.find((r) => r.seq < (mine as number));
  }
}

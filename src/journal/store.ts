import type { RawLine } from './line-reader.js';

/**
 * Where journal lines are kept, behind one interface: the local JSONL file (one person, the
 * embedded default) or a shared PostgreSQL database (a team). Both keep each line's text
 * byte for byte, append only, in write order; a refund's check-then-begin step runs inside
 * {@link JournalStore.withOrderLock}, which on the file is the profile's lock file and on
 * PostgreSQL a transaction-scoped advisory lock on (busino, orderno) held until the begin
 * line is committed.
 */
export interface JournalStore {
  /** Where the lines live, for messages: the file's path, or the URL with its password masked. */
  readonly label: string;
  /**
   * Shared by several machines (PostgreSQL): the refund lock is {@link withOrderLock}, per order.
   * The file is one machine's: the refund lock is the profile's lock file, with the claim rule.
   */
  readonly shared: boolean;
  /** Append one line (JSON text, no newline). Resolves once durable (unless `durable: false`). */
  append(text: string, options?: { durable?: boolean }): Promise<void>;
  /** Every line's text in write order (unreadable lines too: readers judge them). */
  lines(): AsyncIterable<string>;
  /**
   * Every line numbered from 1 in write order, for the reader (damage names lines by number,
   * dismissals too): the file's lines as they lie, the database's rows of this busino in order.
   * In bounded memory per line (longer than 64 KiB: the first bytes and a digest). In batches
   * (a file's chunk, a database's page of rows): a step of an async iterator per line would cost
   * more than the line. A file's lines stop at byte `end` when it is given (the file's size when
   * a view's read began: see view.ts); a database ignores it.
   */
  rawLines(end?: number): AsyncIterable<RawLine[]>;
  /**
   * The refund begin lines of one order, with each line's place in write order (shared stores:
   * the claim check of a refund whose journal was read before its order lock was taken).
   */
  refundBegins?(orderno: string): Promise<{ seq: number; text: string }[]>;
  /**
   * Run `fn` with the order locked against every other writer of this journal (PostgreSQL:
   * on any machine, waiting its turn; file: on this machine, refused while another holds it).
   * Lines `fn` appends through `tx` are durable before this resolves; on PostgreSQL they are
   * one transaction, so when `fn` throws none of them is kept.
   */
  withOrderLock<T>(busino: string, orderno: string, fn: (tx: JournalTx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** What a locked step may do: read the journal as it stands and append lines. */
export interface JournalTx {
  lines(): AsyncIterable<string>;
  append(text: string): Promise<void>;
}

/** The identifiers a line carries, for the store's columns (never secrets: lines hold none). */
export interface LineFacts {
  kind: string;
  id?: string;
  orderno?: string;
  refundno?: string;
}

/** Read a line's type and identifiers; a line that is not a JSON object is `damaged`. */
export function lineFacts(text: string): LineFacts {
  try {
    const o = JSON.parse(text) as Record<string, unknown>;
    if (typeof o !== 'object' || o === null || Array.isArray(o)) return { kind: 'damaged' };
    const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
    return {
      kind: str(o.type) ?? 'damaged',
      id: str(o.id),
      orderno: str(o.orderno),
      refundno: str(o.refundno),
    };
  } catch {
    return { kind: 'damaged' };
  }
}

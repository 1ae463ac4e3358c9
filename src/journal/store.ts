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
  /** Append one line (JSON text, no newline). Resolves once durable (unless `durable: false`). */
  append(text: string, options?: { durable?: boolean }): Promise<void>;
  /** Every line's text in write order (unreadable lines too: readers judge them). */
  lines(): AsyncIterable<string>;
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

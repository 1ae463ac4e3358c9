import { NotSentError, SignatureError, UnknownOutcomeError } from '../core/errors.js';
import type { DamagedLine, Journal, JournalEntry, JournalState } from '../journal/index.js';
import { type Claims, ClaimWatch, isFinalState, JournalDamage, OrderClaims } from '../journal/index.js';
import { queryRefund, settleFromQuery } from '../txn/queries.js';
import type { TxnSession } from '../txn/session.js';
import type { TxnOutcome } from '../txn/types.js';
import { type RefundHistory, summarizeRefunds } from './history.js';

/** The part of a journal entry the refund rules need; kept small so a batch's book stays small. */
export type BookEntry = Pick<
  JournalEntry,
  'id' | 'at' | 'orderno' | 'refundno' | 'transno' | 'amount' | 'extra' | 'ordinal' | 'attempt' | 'busino'
> & {
  txn: 'refund';
  state: JournalState;
};

/**
 * Every refund the journal records, read once and kept up to date in memory as
 * this process sends refunds and records refund queries. A batch reads the
 * journal once instead of once per row.
 */
export class RefundBook {
  private readonly byOrder = new Map<string, BookEntry[]>();
  private readonly byRefundno = new Map<string, BookEntry>();
  /** Lines of the journal that could not be read: a refund they record is missing from the book. */
  private readonly damaged: DamagedLine[] = [];
  private readonly damage = new JournalDamage();
  private warned = false;

  /**
   * @param file the journal the book was read from (named in refusals and warnings).
   * @param claims what was appended to it since (the claim rule: {@link ClaimWatch} on the file,
   *   {@link OrderClaims} on a shared journal).
   */
  constructor(
    readonly file = '',
    public claims?: Claims,
  ) {}

  /**
   * The book of the journal as this command read it ({@link Journal.view}: read once per command,
   * and the same read serves the refund and payment queries that follow).
   */
  static async load(journal: Journal): Promise<RefundBook> {
    const { fold, end } = await journal.view();
    // from where the journal file ended when read: anything appended since is a claim to check
    const path = journal.filePath;
    const book = new RefundBook(
      journal.file,
      path === undefined ? undefined : await ClaimWatch.start(path, end),
    );
    for (const d of fold.damaged) {
      book.damaged.push(d);
      book.damage.onDamaged(d);
    }
    if (fold.legacy > 0) book.damage.onLegacy(fold.legacy);
    const begins: BookEntry[] = [];
    for (const e of fold.entries()) {
      if (e.txn !== 'refund') continue;
      const { id, at, orderno, refundno, transno, amount, extra, ordinal, attempt, busino, state } = e;
      begins.push({
        id,
        txn: 'refund',
        at,
        orderno,
        refundno,
        transno,
        amount,
        extra,
        ordinal,
        attempt,
        busino,
        state,
      });
    }
    for (const e of begins) book.add(e);
    if (path === undefined) book.claims = new OrderClaims(journal.store, new Set(begins.map((e) => e.id)));
    return book;
  }

  add(e: BookEntry): void {
    if (e.orderno) this.byOrder.set(e.orderno, [...(this.byOrder.get(e.orderno) ?? []), e]);
    if (e.refundno) this.byRefundno.set(e.refundno, e);
  }

  /** The refunds of this order and amount (any ordinal, any attempt), oldest first. */
  same(orderno: string, amount: number): BookEntry[] {
    return this.of(orderno).filter((e) => e.amount === amount);
  }

  of(orderno: string): BookEntry[] {
    return this.byOrder.get(orderno) ?? [];
  }

  refund(refundno: string): BookEntry | undefined {
    return this.byRefundno.get(refundno);
  }

  history(orderno: string): RefundHistory<BookEntry> {
    return summarizeRefunds(this.of(orderno));
  }

  /**
   * Unreadable journal lines that may record a refund of this order (or refund number): those
   * whose text mentions either (a plain substring search, so a longer number containing this one
   * counts too: the safe side), and every line whose checksum does not match, since the changed
   * byte may be in the very order number searched for.
   */
  damagedMentioning(...numbers: (string | undefined)[]): DamagedLine[] {
    const wanted = numbers.filter((n): n is string => !!n);
    return this.damaged.filter((d) => d.reason === 'checksum' || wanted.some((n) => d.text.includes(n)));
  }

  /** Warn once per book (a batch plans many rows) that some journal lines could not be read. */
  warnDamaged(out: Parameters<JournalDamage['warn']>[0], imp?: string): void {
    if (this.warned) return;
    this.warned = true;
    this.damage.warn(out, this.file, imp);
  }
}

/** Result of asking the platform about one recorded refund. */
export interface RefundCheck {
  entry: BookEntry;
  /** The refund query's verified answer, when one came. */
  query?: TxnOutcome;
  /** Why no answer came (outcome still unknown). */
  error?: string;
}

/**
 * Ask the refund query about a recorded refund and record the answer in the
 * journal (the query pipeline's settle rule: a verified answer, or a definite
 * "no such refund"). The book follows. Never sends a refund.
 */
export async function checkRefund(
  session: TxnSession,
  entry: BookEntry,
  transno?: string,
): Promise<RefundCheck> {
  if (!entry.refundno || !entry.orderno) return { entry, error: 'journal entry lacks refundno/orderno' };
  try {
    const q = await queryRefund(
      session,
      { refundno: entry.refundno, orderno: entry.orderno, transno: entry.transno ?? transno },
      { settle: false },
    );
    // the pipeline decides what a query answer settles; the book follows what it recorded
    const updated = await settleFromQuery(session, q);
    if (updated.includes(entry.id)) entry.state = q.state;
    return { entry, query: q };
  } catch (err) {
    if (err instanceof UnknownOutcomeError || err instanceof SignatureError || err instanceof NotSentError)
      return { entry, error: err.message };
    throw err;
  }
}

/** Bring every non-final refund of an order up to date with the refund query. */
export async function syncOrder(session: TxnSession, book: RefundBook, orderno: string, transno?: string) {
  const checks: RefundCheck[] = [];
  for (const e of book.of(orderno)) {
    if (!isFinalState(e.state)) checks.push(await checkRefund(session, e, transno));
  }
  return checks;
}

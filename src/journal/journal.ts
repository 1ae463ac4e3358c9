import { AsyncLocalStorage } from 'node:async_hooks';
import type { ResolvedProfile } from '../config/types.js';
import { ImpError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import type { AppendOptions } from './appender.js';
import { journalPath, newEntryId } from './entry-id.js';
import { FileJournalStore } from './file-store.js';
import { JournalFold } from './fold.js';
import { encodeLine } from './line-format.js';
import { PgJournalStore } from './pg-store.js';
import {
  type DamagedLine,
  JournalDamage,
  type JournalDismissal,
  type ReadJournalOptions,
  readJournalBatches,
  readJournalLines,
} from './read.js';
import type { JournalStore, JournalTx } from './store.js';
import type { JournalBegin, JournalEntry, JournalLine, JournalOutcome } from './types.js';
import { isFinalState } from './types.js';
import { type JournalView, ViewCache } from './view.js';

/** A refund's order lock on a shared journal, from its checks until its begin line is committed. */
interface OrderScope {
  orderno: string;
  /** Append the begin line in the lock's transaction, commit it and let the lock go. */
  commit?: (text: string) => Promise<void>;
}

const orderScope = new AsyncLocalStorage<OrderScope>();

/** What {@link Journal.begin} needs; `id`, `at` and `profile` are filled in when omitted. */
export type BeginInput = Omit<JournalBegin, 'id' | 'at' | 'profile'> &
  Partial<Pick<JournalBegin, 'id' | 'at' | 'profile'>>;

/**
 * The append-only record of every request sent (issue 4, "nothing sent is ever lost"), kept in a
 * {@link JournalStore}: the profile's JSONL file, or the team's PostgreSQL journal
 * (`journal.url`). Each line is one JSON object with its checksum. A promise returned by
 * {@link begin} or {@link finish} resolves only after the line is durable (fsynced, or committed
 * with synchronous commit), unless written with `durable: false`, for read-only requests.
 */
export class Journal {
  /** Where the lines live, for messages: the file's path, or the database URL (password masked). */
  readonly file: string;
  readonly profile: string;
  readonly store: JournalStore;

  constructor(store: JournalStore | string, profile = 'default', options: { idleCloseMs?: number } = {}) {
    this.store = typeof store === 'string' ? new FileJournalStore(store, options) : store;
    this.file = this.store.label;
    this.profile = profile;
    this.cache = new ViewCache((end) => this.readView(end), this.filePath);
  }

  /** Is the file open right now (between a line and the idle close)? Never for a database. */
  get isOpen(): boolean {
    return this.store instanceof FileJournalStore && this.store.isOpen;
  }

  /** The journal file's path; undefined for a shared journal. */
  get filePath(): string | undefined {
    return this.store instanceof FileJournalStore ? this.store.file : undefined;
  }

  /**
   * The journal of a resolved profile: the shared one when it has `journal.url` (never a local
   * file then: a database that cannot be reached is exit 7), else its file. `migrateHint` is the
   * command that creates the database's schema, with the `-c`/`-p` that reach this profile.
   */
  static forProfile(
    profile: Pick<ResolvedProfile, 'journalDir' | 'name'> &
      Partial<Pick<ResolvedProfile, 'journalUrl' | 'busino'>>,
    migrateHint = 'imp journal migrate',
  ): Journal {
    const store = profile.journalUrl
      ? new PgJournalStore(profile.journalUrl, profile.busino ?? '', profile.name, migrateHint)
      : new FileJournalStore(journalPath(profile));
    return new Journal(store, profile.name);
  }

  /**
   * Run a refund's check-then-begin step for one order, locked against every other imp writing
   * to this journal. Shared journal: a transaction-scoped advisory lock on (busino, orderno),
   * taken now and let go when `fn`'s refund begin line of this order is committed (in the same
   * transaction), so the request leaves after the lock; the rest of `fn` runs unlocked. File:
   * `fn` as is (the caller holds the profile's lock file; see refund/lock.ts).
   */
  async lockOrder<T>(busino: string, orderno: string, fn: () => Promise<T>): Promise<T> {
    if (!this.store.shared) return fn();
    let letGo!: (err?: unknown) => void;
    const released = new Promise<unknown>((resolve) => {
      letGo = resolve;
    });
    let held!: (tx: JournalTx) => void;
    const locked = new Promise<JournalTx>((resolve) => {
      held = resolve;
    });
    const lock = this.store.withOrderLock(busino, orderno, async (tx) => {
      held(tx);
      const err = await released;
      if (err) throw err; // rolled back: nothing of this step is kept
    });
    // the lock's transaction failing before it is held (database down) is the error
    const tx = await Promise.race([locked, lock.then(() => undefined as never)]);
    const scope: OrderScope = {
      orderno,
      commit: async (text) => {
        scope.commit = undefined;
        try {
          await tx.append(text);
        } catch (err) {
          letGo(err);
          await lock.catch(() => undefined);
          throw err;
        }
        letGo();
        await lock;
      },
    };
    try {
      return await orderScope.run(scope, fn);
    } finally {
      // no begin line (resumed, dry run, refused, cancelled): the lock goes with nothing written
      if (scope.commit) {
        scope.commit = undefined;
        letGo();
        await lock.catch(() => undefined);
      }
    }
  }

  /**
   * Record that a request is about to leave. Resolves after the line is fsynced:
   * only then may the request be sent. Returns the stored begin record (with its id).
   */
  async begin(input: BeginInput, options: AppendOptions = {}): Promise<JournalBegin> {
    // one object, written as is (JSON.stringify leaves out undefined fields); `type` first, as read back
    const line = {
      type: 'begin' as const,
      ...input,
      id: input.id ?? newEntryId(),
      at: input.at ?? new Date().toISOString(),
      profile: input.profile ?? this.profile,
    };
    const scope = orderScope.getStore();
    const commit = scope?.commit;
    if (commit && line.txn === 'refund' && line.orderno === scope.orderno) {
      // under the order lock: committed with it (synchronous commit), then the lock is let go
      const text = encodeLine(line);
      await this.cache.appending(text, () => commit(text));
      return line;
    }
    await this.append(line as JournalLine, options);
    return line;
  }

  /** Record the outcome of entry `id` (the latest outcome line wins when read back). */
  async finish(id: string, outcome: JournalOutcome, options: AppendOptions = {}): Promise<void> {
    const line = {
      type: 'finish',
      id,
      ...outcome,
      at: outcome.at ?? new Date().toISOString(),
    };
    try {
      await this.append(line as JournalLine, options);
    } catch (err) {
      // the request left: a journal that cannot take its outcome must not say "nothing was sent"
      const left = outcome.state !== 'not_sent';
      if (left && err instanceof ImpError && err.exitCode === ExitCode.unreachable && this.store.shared) {
        throw new ImpError(
          `${err.message} (outcome ${outcome.state} of journal entry ${id} not recorded)`,
          ExitCode.unknown,
          {
            code: 'JOURNAL_OUTCOME_LOST',
            hints: ['the request was sent; the journal lists it as pending: imp journal resolve settles it'],
          },
        );
      }
      throw err;
    }
  }

  /** Unreadable lines met by the latest read through this object ({@link entries} and what uses it). */
  damage = new JournalDamage();
  private damageWarned = false;

  /**
   * Record that unreadable line `line` (the SHA-256 of its text: {@link lineDigest}) was looked at:
   * readers stop reporting it and a refund of an order it mentions is no longer refused (fsynced).
   */
  async dismiss(line: number, sha256: string): Promise<JournalDismissal> {
    const d: JournalDismissal = {
      type: 'dismiss',
      id: newEntryId(),
      at: new Date().toISOString(),
      line,
      sha256,
    };
    await this.append(d, {});
    return d;
  }

  /**
   * The journal folded, read once per object (a command's) and shared by its readers: a refund's
   * book, its payment and refund queries, their settling and tradeno, a batch row after row. It
   * follows this object's own lines (see {@link ViewCache} for other processes' lines). A failed
   * read is not kept: the next call reads again.
   */
  view(): Promise<JournalView> {
    return this.cache.get();
  }

  /**
   * Start reading {@link view} now, for a command that needs it only after a request it is about
   * to send (`imp query` settles the journal with the answer): the read overlaps the platform's
   * wait. Resolves once the read has the file's size (a stat), so the command's own lines from
   * then on do not make it read twice. A failed read is not kept: its error comes to the reader
   * that needs the view. Not on a shared journal: its read takes no size, so the command's own
   * begin line would make it read twice.
   */
  async prefetch(): Promise<void> {
    if (this.filePath !== undefined) await this.cache.prefetch();
  }

  private readonly cache: ViewCache;

  /** The journal folded: a file up to byte `end` (see {@link ViewCache}), a database whole. */
  private async readView(end?: number): Promise<JournalFold> {
    const fold = new JournalFold();
    const damage = new JournalDamage();
    const options = {
      onDamaged: (d: DamagedLine) => {
        fold.damaged.push(d);
        damage.onDamaged(d);
      },
      onLegacy: (n: number) => {
        fold.legacy = n;
        damage.onLegacy(n);
      },
    };
    for await (const batch of readJournalBatches(this.store.rawLines(end), options)) {
      for (const line of batch) fold.add(line);
    }
    this.damage = damage;
    return fold;
  }

  /** Every entry, oldest first, each folded with its latest outcome. */
  async entries(): Promise<JournalEntry[]> {
    return (await this.view()).fold.entries();
  }

  /** The readable lines, in write order (damage and legacy lines reported to `options`). */
  readLines(options: ReadJournalOptions = {}): AsyncGenerator<JournalLine> {
    return readJournalLines(this.store.rawLines(), options);
  }

  /**
   * Warn (once per object: a batch reads the journal row after row) when the latest read met
   * unreadable lines; entries on them are missing from what was read.
   */
  warnDamaged(out: Parameters<JournalDamage['warn']>[0], imp?: string): void {
    if (this.damageWarned || (this.damage.count === 0 && this.damage.legacy === 0)) return;
    this.damageWarned = true;
    this.damage.warn(out, this.file, imp);
  }

  /** The `limit` most recent entries, newest first. */
  async recent(limit = 20): Promise<JournalEntry[]> {
    const all = await this.entries();
    return all.slice(-limit).reverse();
  }

  /** Entries whose outcome is not final (unknown or pending), oldest first. */
  async pending(): Promise<JournalEntry[]> {
    return (await this.entries()).filter((e) => !isFinalState(e.state));
  }

  /** Entries matching every given identifier, oldest first. */
  async find(ids: {
    orderno?: string;
    refundno?: string;
    serialno?: string;
    txn?: string;
  }): Promise<JournalEntry[]> {
    return (await this.entries()).filter(
      (e) =>
        (ids.orderno === undefined || e.orderno === ids.orderno) &&
        (ids.refundno === undefined || e.refundno === ids.refundno) &&
        (ids.serialno === undefined || e.serialno === ids.serialno) &&
        (ids.txn === undefined || e.txn === ids.txn),
    );
  }

  /** Entry by id. */
  async get(id: string): Promise<JournalEntry | undefined> {
    return (await this.entries()).find((e) => e.id === id);
  }

  /** Close the file handle or the database's connections (waits for queued lines). */
  close(): Promise<void> {
    return this.store.close();
  }

  private append(line: JournalLine | JournalDismissal, options: AppendOptions): Promise<void> {
    const text = encodeLine(line);
    return this.cache.appending(text, () => this.store.append(text, options));
  }
}

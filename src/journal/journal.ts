import type { ResolvedProfile } from '../config/types.js';
import { type AppendOptions, JournalAppender } from './appender.js';
import { journalPath, newEntryId } from './entry-id.js';
import { encodeLine } from './line-format.js';
import { foldJournal, JournalDamage, type JournalDismissal, readJournalLines } from './read.js';
import { refuseLocalFallback } from './team-guard.js';
import type { JournalBegin, JournalEntry, JournalLine, JournalOutcome } from './types.js';
import { isFinalState } from './types.js';

/** What {@link Journal.begin} needs; `id`, `at` and `profile` are filled in when omitted. */
export type BeginInput = Omit<JournalBegin, 'id' | 'at' | 'profile'> &
  Partial<Pick<JournalBegin, 'id' | 'at' | 'profile'>>;

/**
 * The append-only record of every request sent (issue 4, "nothing sent is ever lost").
 *
 * Each line is one JSON object, written by a {@link JournalAppender} (one O_APPEND handle,
 * group commit). A promise returned by {@link begin} or {@link finish} resolves only after
 * the line is on disk (unless written with `durable: false`, for read-only requests).
 */
export class Journal {
  readonly file: string;
  readonly profile: string;
  private readonly appender: JournalAppender;

  constructor(file: string, profile = 'default', options: { idleCloseMs?: number } = {}) {
    this.file = file;
    this.profile = profile;
    this.appender = new JournalAppender(file, options.idleCloseMs);
  }

  /** Is the file open right now (between a line and the idle close)? */
  get isOpen(): boolean {
    return this.appender.isOpen;
  }

  /** The journal of a resolved profile. */
  static forProfile(profile: Pick<ResolvedProfile, 'journalDir' | 'name' | 'journalUrl'>): Journal {
    refuseLocalFallback(profile);
    return new Journal(journalPath(profile), profile.name);
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
    await this.append(line as JournalLine, options);
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
    await this.append(d as unknown as JournalLine, {});
    return d;
  }

  /** Every entry, oldest first, each folded with its latest outcome. */
  async entries(): Promise<JournalEntry[]> {
    const damage = new JournalDamage();
    const entries = await foldJournal(readJournalLines(this.file, damage));
    this.damage = damage;
    return entries;
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

  /** Close the file handle (waits for queued lines). */
  close(): Promise<void> {
    return this.appender.close();
  }

  private append(line: JournalLine, options: AppendOptions): Promise<void> {
    return this.appender.append(`${encodeLine(line)}\n`, options);
  }
}

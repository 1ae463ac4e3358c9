import { writeSync } from 'node:fs';
import { constants, type FileHandle, mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ResolvedProfile } from '../config/types.js';
import { ConfigError } from '../core/errors.js';
import { journalPath, newEntryId } from './entry-id.js';
import { foldJournal, JournalDamage, type JournalDismissal, readJournalLines } from './read.js';
import type { JournalBegin, JournalEntry, JournalLine, JournalOutcome } from './types.js';
import { isFinalState } from './types.js';

/** What {@link Journal.begin} needs; `id`, `at` and `profile` are filled in when omitted. */
export type BeginInput = Omit<JournalBegin, 'id' | 'at' | 'profile'> &
  Partial<Pick<JournalBegin, 'id' | 'at' | 'profile'>>;

/** How a line is written. */
export interface AppendOptions {
  /**
   * Wait for fsync before resolving (default true). Read-only requests (queries)
   * pass false: their lines are still appended in order, but losing the last
   * ones to a power cut only means asking again, so nobody waits for the disk.
   */
  durable?: boolean;
}

/**
 * How long an idle journal keeps its file open. A batch writes continuously and keeps it;
 * a process that runs many commands (`imp demo`, tests) gets each handle closed shortly
 * after its command's last line instead of leaving it to the garbage collector (DEP0137).
 */
const IDLE_CLOSE_MS = 500;

interface Waiter {
  data: string;
  durable: boolean;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * The append-only record of every request sent (issue 4, "nothing sent is ever lost").
 *
 * Each line is one JSON object. Writes go through one O_APPEND handle per
 * instance; lines queued while a write+fsync is in flight are written together
 * in a single write and fsynced once (group commit), so parallel batch workers
 * never interleave partial lines and still pay one fsync per burst. A promise
 * returned by {@link begin} or {@link finish} resolves only after the line is
 * on disk (unless written with `durable: false`, for read-only requests).
 */
export class Journal {
  readonly file: string;
  readonly profile: string;
  private handle?: Promise<FileHandle>;
  /** The handle once open (for the synchronous path of non-durable lines). */
  private openFh?: FileHandle;
  private queue: Waiter[] = [];
  private flushing = false;
  /** Set when the file did not end in a newline (a killed writer): the next write starts with one. */
  private needsNewline = false;
  private idleTimer?: NodeJS.Timeout;
  /** Non-durable lines gathered for one synchronous write at the end of this event-loop turn. */
  private burst?: {
    text: string;
    promise: Promise<void>;
    resolve: () => void;
    reject: (err: unknown) => void;
  };

  /** Milliseconds without a line after which the file is closed (reopened on the next line). */
  readonly idleCloseMs: number;

  constructor(file: string, profile = 'default', options: { idleCloseMs?: number } = {}) {
    this.file = file;
    this.profile = profile;
    this.idleCloseMs = options.idleCloseMs ?? IDLE_CLOSE_MS;
  }

  /** Is the file open right now (between a line and the idle close)? */
  get isOpen(): boolean {
    return this.handle !== undefined;
  }

  /** The journal of a resolved profile. */
  static forProfile(profile: Pick<ResolvedProfile, 'journalDir' | 'name'>): Journal {
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
  warnDamaged(out: Parameters<JournalDamage['warn']>[0]): void {
    if (this.damageWarned || this.damage.count === 0) return;
    this.damageWarned = true;
    this.damage.warn(out, this.file);
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
  async close(): Promise<void> {
    this.writeBurst();
    while (this.flushing || this.queue.length > 0) await new Promise((r) => setImmediate(r));
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    const pending = this.handle;
    // detached before awaiting: a line appended meanwhile opens a fresh handle, never this closing one
    this.handle = undefined;
    this.openFh = undefined;
    const h = await pending?.catch(() => undefined);
    await h?.close();
  }

  private append(line: JournalLine, options: AppendOptions): Promise<void> {
    const data = `${JSON.stringify(line)}\n`;
    if (this.idleTimer) {
      clearTimeout(this.idleTimer);
      this.idleTimer = undefined;
    }
    if (
      options.durable === false &&
      this.openFh &&
      !this.flushing &&
      this.queue.length === 0 &&
      !this.needsNewline
    ) {
      // Nothing queued before it: a query's line goes straight to the page cache, gathered with the
      // other lines of this turn of the event loop into one synchronous write (a batch finishes
      // several rows per turn), which costs less than a thread-pool round trip or a write per line.
      let burst = this.burst;
      if (!burst) {
        let resolve!: () => void;
        let reject!: (err: unknown) => void;
        const promise = new Promise<void>((res, rej) => {
          resolve = res;
          reject = rej;
        });
        burst = { text: '', promise, resolve, reject };
        this.burst = burst;
        setImmediate(() => this.writeBurst());
      }
      burst.text += data;
      return burst.promise;
    }
    // lines of a pending burst were appended first: they are written first
    this.writeBurst();
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ data, durable: options.durable !== false, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  /** Write the lines gathered for a synchronous write (see {@link append}), if any. */
  private writeBurst(): void {
    const burst = this.burst;
    if (!burst) return;
    this.burst = undefined;
    try {
      // the handle is open: idle close and close() write a pending burst before letting it go
      const fd = (this.openFh as FileHandle).fd;
      const buf = Buffer.from(burst.text, 'utf8');
      let off = 0;
      while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
      burst.resolve();
    } catch (err) {
      burst.reject(this.writeError(err));
    } finally {
      this.armIdleClose();
    }
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue;
        this.queue = [];
        try {
          const fh = await this.open();
          let text = batch.map((w) => w.data).join('');
          if (this.needsNewline) text = `\n${text}`;
          const buf = Buffer.from(text, 'utf8');
          let off = 0;
          while (off < buf.length) {
            const { bytesWritten } = await fh.write(buf, off, buf.length - off);
            off += bytesWritten;
          }
          this.needsNewline = false;
          if (batch.some((w) => w.durable)) await fh.datasync();
          for (const w of batch) w.resolve();
        } catch (err) {
          const error = this.writeError(err);
          for (const w of batch) w.reject(error);
        }
      }
    } finally {
      this.flushing = false;
    }
    this.armIdleClose();
  }

  private writeError(err: unknown): ConfigError {
    return new ConfigError(`journal ${this.file}: cannot write (${(err as Error).message})`, {
      code: 'JOURNAL_WRITE',
      cause: err,
    });
  }

  private armIdleClose(): void {
    clearTimeout(this.idleTimer);
    // unref: an idle journal never keeps the process alive; while armed, the timer keeps this
    // object (and its handle) reachable, so the handle is closed here, never by the collector
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      if (this.flushing || this.queue.length > 0 || this.burst || !this.handle) return;
      const pending = this.handle;
      this.handle = undefined;
      this.openFh = undefined;
      pending.then((fh) => fh.close()).catch(() => undefined);
    }, this.idleCloseMs).unref();
  }

  private open(): Promise<FileHandle> {
    if (this.handle) return this.handle;
    const opening = (async () => {
      await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
      const fh = await open(this.file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT, 0o600);
      const { size } = await fh.stat();
      if (size > 0) {
        // A writer killed mid-line leaves no trailing newline; never glue our line to its fragment.
        const last = Buffer.alloc(1);
        const rh = await open(this.file, 'r');
        try {
          await rh.read(last, 0, 1, size - 1);
        } finally {
          await rh.close();
        }
        this.needsNewline = last[0] !== 0x0a;
      }
      return fh;
    })();
    this.handle = opening;
    // only while still the current handle: close() may have detached it while it was opening
    opening.then(
      (fh) => {
        if (this.handle === opening) this.openFh = fh;
      },
      () => {
        if (this.handle === opening) this.handle = undefined;
      },
    );
    return opening;
  }
}

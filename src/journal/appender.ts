import { writeSync } from 'node:fs';
import { constants, type FileHandle, mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ConfigError } from '../core/errors.js';

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
 * The journal file's writer: one O_APPEND handle; lines queued while a write+fsync is in
 * flight are written together in a single write and fsynced once (group commit), so parallel
 * batch workers never interleave partial lines and still pay one fsync per burst. Non-durable
 * lines (queries) with nothing queued before them are written at once, synchronously: a batch
 * row's request leaves, and its lane moves on, in the same turn of the event loop.
 */
export class JournalAppender {
  readonly file: string;
  /** Milliseconds without a line after which the file is closed (reopened on the next line). */
  readonly idleCloseMs: number;
  private handle?: Promise<FileHandle>;
  /** The handle once open (for the synchronous path of non-durable lines). */
  private openFh?: FileHandle;
  private queue: Waiter[] = [];
  private flushing = false;
  /** Set when the file did not end in a newline (a killed writer): the next write starts with one. */
  private needsNewline = false;
  private idleTimer?: NodeJS.Timeout;
  constructor(file: string, idleCloseMs = IDLE_CLOSE_MS) {
    this.file = file;
    this.idleCloseMs = idleCloseMs;
  }

  /** Is the file open right now (between a line and the idle close)? */
  get isOpen(): boolean {
    return this.handle !== undefined;
  }

  /** Close the file handle (waits for queued lines). */
  async close(): Promise<void> {
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

  /** Append one line (its text ends in a newline); resolves once written (and fsynced when durable). */
  append(data: string, options: AppendOptions): Promise<void> {
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
      // Nothing queued before it: a query's line goes straight to the page cache, written at once
      // (about a microsecond), so the request it announces leaves in this same turn of the event loop
      try {
        this.writeNow(data);
        return Promise.resolve();
      } catch (err) {
        return Promise.reject(this.writeError(err));
      } finally {
        this.armIdleClose();
      }
    }
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ data, durable: options.durable !== false, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  /** Write a line with the handle already open (see {@link append}). */
  private writeNow(data: string): void {
    // the handle is open: idle close and close() let it go only with nothing queued or in flight
    const fd = (this.openFh as FileHandle).fd;
    const buf = Buffer.from(data, 'utf8');
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
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
      if (this.flushing || this.queue.length > 0 || !this.handle) return;
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

import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { UsageError } from '../core/errors.js';
import { acquireFileLock } from '../core/file-lock.js';
import { JournalAppender } from './appender.js';
import { type RawLine, readRawLineBatches } from './line-reader.js';
import type { JournalStore, JournalTx } from './store.js';

/**
 * The local JSONL journal as a {@link JournalStore}: lines through the group-commit appender
 * (fsynced), the order lock being the profile's refund lock file, so it excludes the same
 * processes the refund command's own lock does (every order of the profile, on this machine).
 */
export class FileJournalStore implements JournalStore {
  readonly label: string;
  readonly shared = false;
  private readonly appender: JournalAppender;

  constructor(
    readonly file: string,
    options: { idleCloseMs?: number } = {},
  ) {
    this.label = file;
    this.appender = new JournalAppender(file, options.idleCloseMs);
  }

  /** Is the file open right now (between a line and the idle close)? */
  get isOpen(): boolean {
    return this.appender.isOpen;
  }

  rawLines(end?: number): AsyncIterable<RawLine[]> {
    return readRawLineBatches(this.file, 0, 1, end);
  }

  append(text: string, options: { durable?: boolean } = {}): Promise<void> {
    return this.appender.append(`${text}\n`, options);
  }

  async *lines(): AsyncIterable<string> {
    const stream = createReadStream(this.file, { encoding: 'utf8' });
    const rl = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
    try {
      for await (const line of rl) if (line.trim() !== '') yield line;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    } finally {
      rl.close();
      stream.destroy();
    }
  }

  async withOrderLock<T>(_busino: string, _orderno: string, fn: (tx: JournalTx) => Promise<T>): Promise<T> {
    const path = `${this.file}.refund.lock`;
    const lock = await acquireFileLock(path);
    if (lock.heldBy) {
      throw new UsageError(
        `another imp refund is running${lock.heldBy.since ? ` (since ${lock.heldBy.since})` : ''}: try again when it has finished`,
        {
          code: 'REFUND_LOCKED',
          hints: [path],
        },
      );
    }
    try {
      return await fn({ lines: () => this.lines(), append: (text) => this.append(text) });
    } finally {
      await lock.release().catch(() => undefined);
    }
  }

  close(): Promise<void> {
    return this.appender.close();
  }
}

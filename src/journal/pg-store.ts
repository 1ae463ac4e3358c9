import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import type { Pool, PoolClient } from 'pg';
import { maskDbUrl } from '../core/db-url.js';
import { numberLines, type RawLine } from './line-reader.js';
import { ensureSchema } from './migrate.js';
import { dbFailure, unreachable } from './pg-connect.js';
import { type JournalStore, type JournalTx, lineFacts } from './store.js';

/** Lines fetched per round trip when reading the journal. */
const READ_BATCH = 2000;
/** Connections per process; at most half of them hold an order lock at a time. */
const POOL_SIZE = 8;

/**
 * The shared journal on PostgreSQL (`journal.url`, team mode): one row per line in
 * `imp.journal`, scoped by busino (every operator and cron host of a merchant number shares
 * it), rows only ever inserted. Each append commits with `synchronous_commit = on` (the file
 * journal's fsync) unless it is not durable (queries). A database that cannot be reached is
 * exit 7: nothing falls back to a local file.
 */
export class PgJournalStore implements JournalStore {
  readonly label: string;
  readonly shared = true;
  private pool?: Pool;
  private ready?: Promise<void>;

  constructor(
    private readonly url: string,
    private readonly busino: string,
    private readonly profile: string,
    private readonly migrateHint = 'imp journal migrate',
  ) {
    this.label = maskDbUrl(url);
  }

  async append(text: string, options: { durable?: boolean } = {}): Promise<void> {
    await this.inTransaction(async (c) => {
      await c.query(`SET LOCAL synchronous_commit = ${options.durable === false ? 'off' : 'on'}`);
      await this.insert(c, text);
    });
  }

  lines(): AsyncIterable<string> {
    return this.readLines();
  }

  /** This busino's rows in order, numbered from 1: `journal dismiss <n>` names row n. */
  rawLines(): AsyncIterable<RawLine[]> {
    return numberLines(this.readPages());
  }

  async refundBegins(orderno: string): Promise<{ seq: number; text: string }[]> {
    const c = await this.client();
    try {
      const r = await c.query<{ seq: string; line: string }>(
        "SELECT seq, line FROM imp.journal WHERE busino = $1 AND orderno = $2 AND kind = 'begin' ORDER BY seq",
        [this.busino, orderno],
      );
      return r.rows.map((row) => ({ seq: Number(row.seq), text: row.line }));
    } catch (err) {
      throw dbFailure(err, this.url, 'journal.url');
    } finally {
      c.release();
    }
  }

  async withOrderLock<T>(busino: string, orderno: string, fn: (tx: JournalTx) => Promise<T>): Promise<T> {
    // a held lock keeps its connection while its step reads and writes on others: with every
    // pooled connection holding a lock, those steps would wait for ever (a batch's --concurrency)
    await this.lockSlot();
    try {
      return await this.lockedStep(busino, orderno, fn);
    } finally {
      const next = this.slotWaiters.shift();
      if (next) next();
      else this.freeSlots++;
    }
  }

  private freeSlots = POOL_SIZE / 2;
  private readonly slotWaiters: (() => void)[] = [];

  private lockSlot(): Promise<void> {
    if (this.freeSlots > 0) {
      this.freeSlots--;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.slotWaiters.push(resolve));
  }

  private lockedStep<T>(busino: string, orderno: string, fn: (tx: JournalTx) => Promise<T>): Promise<T> {
    return this.inTransaction(async (c) => {
      await c.query('SET LOCAL synchronous_commit = on');
      // held until COMMIT: from the checks until the begin row is durable, on every machine
      await c.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        `imp:${busino}\u0001${orderno}`,
      ]);
      return fn({
        lines: () => this.readLines(c),
        append: async (text) => {
          await this.insert(c, text);
        },
      });
    });
  }

  /** Copy JSONL lines in; a line already there (same text) is skipped. Returns how many were added. */
  async importLines(
    lines: AsyncIterable<string> | Iterable<string>,
  ): Promise<{ added: number; skipped: number }> {
    let added = 0;
    let skipped = 0;
    await this.inTransaction(async (c) => {
      await c.query('SET LOCAL synchronous_commit = on');
      for await (const line of lines) {
        if (line.trim() === '') continue;
        if (await this.insert(c, line, true)) added++;
        else skipped++;
      }
    });
    return { added, skipped };
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    this.ready = undefined;
    await pool?.end().catch(() => undefined);
  }

  private async insert(c: PoolClient, text: string, onConflictSkip = false): Promise<boolean> {
    const f = lineFacts(text);
    const sha = createHash('sha256').update(text, 'utf8').digest('hex');
    const r = await c.query(
      `INSERT INTO imp.journal (busino, profile, kind, entry_id, orderno, refundno, line, sha256, host)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)${onConflictSkip ? ' ON CONFLICT (sha256) DO NOTHING' : ''}`,
      [
        this.busino,
        this.profile,
        f.kind,
        f.id ?? null,
        f.orderno ?? null,
        f.refundno ?? null,
        text,
        sha,
        hostname(),
      ],
    );
    return r.rowCount === 1;
  }

  private async *readLines(held?: PoolClient): AsyncGenerator<string> {
    for await (const page of this.readPages(held)) yield* page;
  }

  /** This busino's lines in order, a page of rows at a time. */
  private async *readPages(held?: PoolClient): AsyncGenerator<string[]> {
    const c = held ?? (await this.client());
    try {
      let after = 0;
      for (;;) {
        const r = await c.query<{ seq: string; line: string }>(
          'SELECT seq, line FROM imp.journal WHERE busino = $1 AND seq > $2 ORDER BY seq LIMIT $3',
          [this.busino, after, READ_BATCH],
        );
        if (r.rows.length > 0) yield r.rows.map((row) => row.line);
        if (r.rows.length < READ_BATCH) return;
        after = Number(r.rows.at(-1)!.seq);
      }
    } catch (err) {
      throw dbFailure(err, this.url, 'journal.url');
    } finally {
      if (!held) c.release();
    }
  }

  private async inTransaction<T>(fn: (c: PoolClient) => Promise<T>): Promise<T> {
    const c = await this.client();
    let done = false;
    try {
      await c.query('BEGIN');
      const result = await fn(c);
      await c.query('COMMIT');
      done = true;
      return result;
    } catch (err) {
      if (!done) await c.query('ROLLBACK').catch(() => undefined);
      throw dbFailure(err, this.url, 'journal.url');
    } finally {
      c.release();
    }
  }

  /** A connection from the pool; the first one checks (and if it may, migrates) the schema. */
  private async client(): Promise<PoolClient> {
    if (!this.pool) {
      const { default: pg } = await import('pg');
      this.pool = new pg.Pool({
        connectionString: this.url,
        application_name: 'imp journal',
        connectionTimeoutMillis: 10_000,
        max: POOL_SIZE,
        // idle connections do not keep a finished command alive (commands need not close the store)
        allowExitOnIdle: true,
      });
      this.pool.on('error', () => undefined);
    }
    let c: PoolClient;
    try {
      c = await this.pool.connect();
    } catch (err) {
      throw unreachable(err, this.url, 'journal.url');
    }
    try {
      this.ready ??= ensureSchema(c, this.migrateHint);
      await this.ready;
    } catch (err) {
      this.ready = undefined;
      c.release();
      throw dbFailure(err, this.url, 'journal.url');
    }
    return c;
  }
}

import { hostname, userInfo } from 'node:os';
import type { Client } from 'pg';
import { maskDbUrl } from '../core/db-url.js';
import { UsageError } from '../core/errors.js';
import { ensureSchema } from '../journal/migrate.js';
import { connectPg, dbFailure } from '../journal/pg-connect.js';
import type { CarriedItem, CarryState } from './carry.js';
import type { CarryStore } from './carry-store.js';
import type { ReconDifference, ReconResult } from './types.js';

/** One day in `imp recon history`: its latest end-of-day check (intraday checks when there is no other). */
export interface HistoryDay {
  day: string;
  runId: number;
  file: string;
  intraday: boolean;
  clean: boolean;
  differences: number;
  open: number;
  pending: number;
  problems: number;
  runs: number;
  checkedAt: string;
  checkedBy: string;
}

/** A stored difference with its settlement, if any. */
export interface StoredDifference {
  id: number;
  day: string;
  class: string;
  type: string;
  orderno: string;
  refundno: string;
  detail: ReconDifference;
  settlement?: { note: string; at: string; by: string; osUser?: string; host?: string };
}

/** Who did it, as the operator's machine knows it (the database adds its role). */
function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? '?';
  }
}

const keyOf = (d: Pick<ReconDifference, 'class' | 'type' | 'orderno' | 'refundno'>) =>
  `${d.class}|${d.type}|${d.orderno}|${d.refundno}`;

/**
 * Recon history in PostgreSQL (`recon.store`, else the journal's `journal.url`): every check
 * of a bank day with its summary and differences, the orders it carries to the next day, and
 * settlements of differences ("mistake pool"). Rows are only inserted: a day checked again
 * is a new run (the latest counts), a settlement is a row naming the difference.
 */
export class ReconHistoryStore {
  readonly label: string;
  private constructor(
    private readonly client: Client,
    private readonly url: string,
    private readonly busino: string,
  ) {
    this.label = maskDbUrl(url);
  }

  static async open(url: string, busino: string, migrateHint: string): Promise<ReconHistoryStore> {
    const client = await connectPg(url, 'recon.store');
    try {
      await ensureSchema(client, migrateHint);
    } catch (err) {
      await client.end().catch(() => undefined);
      throw dbFailure(err, url, 'recon.store');
    }
    return new ReconHistoryStore(client, url, busino);
  }

  close(): Promise<void> {
    return this.client.end().catch(() => undefined);
  }

  /**
   * The check's carry, kept here: `load` reads what earlier days left, `save` holds this day's
   * items until {@link saveRun} writes them with the run (nothing is stored if the check fails).
   */
  carry(): CarryStore & { saved?: CarryState } {
    const store: CarryStore & { saved?: CarryState } = {
      saved: undefined,
      label: `recon.store ${this.label}`,
      load: () =>
        this.query(async (c) => {
          const r = await c.query<{ day: string; items: CarriedItem[] }>(
            `SELECT DISTINCT ON (day) day, items FROM imp.recon_carry WHERE busino = $1
             ORDER BY day DESC, id DESC LIMIT 8`,
            [this.busino],
          );
          return { version: 1, days: Object.fromEntries(r.rows.map((row) => [row.day, row.items])) };
        }),
      save: async (state) => {
        store.saved = state;
      },
    };
    return store;
  }

  /** Store one check: the run, its differences and (end-of-day files) the items it carries. */
  async saveRun(result: ReconResult, carried?: CarriedItem[]): Promise<number> {
    const s = result.summary;
    if (!s.date)
      throw new UsageError(
        `${s.file}: recon history needs the bank day (name the file DZ_<busino>_<yyyyMMdd>.csv)`,
      );
    return this.query(async (c) => {
      await c.query('BEGIN');
      try {
        const run = await c.query<{ id: string }>(
          `INSERT INTO imp.recon_run (busino, day, file, intraday, clean, differences, pending, problems, summary, os_user, host)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
          [
            this.busino,
            s.date,
            s.file,
            s.intraday,
            s.clean,
            s.differences,
            s.pending,
            s.problems,
            JSON.stringify(s),
            osUser(),
            hostname(),
          ],
        );
        const runId = Number(run.rows[0]!.id);
        // in slices: one statement per thousand differences, not per difference
        for (let i = 0; i < result.differences.length; i += 1000) {
          const slice = result.differences.slice(i, i + 1000);
          await c.query(
            `INSERT INTO imp.recon_difference (run_id, busino, day, key, class, type, orderno, refundno, detail)
             SELECT $1, $2, $3, d->>'key', d->>'class', d->>'type', d->>'orderno', d->>'refundno', d->'detail'
             FROM jsonb_array_elements($4::jsonb) AS d`,
            [
              runId,
              this.busino,
              s.date,
              JSON.stringify(
                slice.map((d) => ({
                  key: keyOf(d),
                  class: d.class,
                  type: d.type,
                  orderno: d.orderno,
                  refundno: d.refundno,
                  detail: d,
                })),
              ),
            ],
          );
        }
        if (carried && !s.intraday) {
          await c.query('INSERT INTO imp.recon_carry (run_id, busino, day, items) VALUES ($1, $2, $3, $4)', [
            runId,
            this.busino,
            s.date,
            JSON.stringify(carried),
          ]);
        }
        await c.query('COMMIT');
        return runId;
      } catch (err) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    });
  }

  /** One line per bank day in [from, to]: its latest end-of-day run (else its latest intraday one). */
  history(from?: string, to?: string): Promise<HistoryDay[]> {
    return this.query(async (c) => {
      const r = await c.query(
        `WITH runs AS (
           SELECT r.*, count(*) OVER (PARTITION BY day) AS runs,
                  row_number() OVER (PARTITION BY day ORDER BY intraday, id DESC) AS pick
           FROM imp.recon_run r
           WHERE busino = $1 AND ($2::text IS NULL OR day >= $2) AND ($3::text IS NULL OR day <= $3))
         SELECT runs.*, (SELECT count(*) FROM imp.recon_difference d WHERE d.run_id = runs.id
                  AND NOT EXISTS (SELECT 1 FROM imp.recon_settlement s
                                  WHERE s.busino = d.busino AND s.day = d.day AND s.key = d.key)) AS open
         FROM runs WHERE pick = 1 ORDER BY day`,
        [this.busino, from ?? null, to ?? null],
      );
      return r.rows.map((row) => ({
        day: row.day,
        runId: Number(row.id),
        file: row.file,
        intraday: row.intraday,
        clean: row.clean,
        differences: row.differences,
        open: Number(row.open),
        pending: row.pending,
        problems: row.problems,
        runs: Number(row.runs),
        checkedAt: new Date(row.checked_at).toISOString(),
        checkedBy: `${row.os_user ?? '?'}@${row.host ?? '?'} (${row.checked_by})`,
      }));
    });
  }

  /** The differences of each day's latest end-of-day run, with their settlements; `open` leaves settled ones out. */
  differences(options: { open?: boolean; from?: string; to?: string } = {}): Promise<StoredDifference[]> {
    return this.query(async (c) => {
      const r = await c.query(
        `WITH latest AS (
           SELECT DISTINCT ON (day) id FROM imp.recon_run
           WHERE busino = $1 AND NOT intraday AND ($2::text IS NULL OR day >= $2) AND ($3::text IS NULL OR day <= $3)
           ORDER BY day, id DESC)
         SELECT d.*, s.note, s.settled_at, s.settled_by, s.os_user, s.host
         FROM imp.recon_difference d JOIN latest ON latest.id = d.run_id
         LEFT JOIN LATERAL (SELECT * FROM imp.recon_settlement s
                            WHERE s.busino = d.busino AND s.day = d.day AND s.key = d.key
                            ORDER BY s.id LIMIT 1) s ON true
         WHERE NOT $4 OR s.note IS NULL
         ORDER BY d.day, d.id`,
        [this.busino, options.from ?? null, options.to ?? null, options.open === true],
      );
      return r.rows.map(storedDifference);
    });
  }

  /** The stored difference `id` (of this busino) with its settlement, if any. */
  difference(id: number): Promise<StoredDifference | undefined> {
    return this.query(async (c) => {
      const r = await c.query(
        `SELECT d.*, s.note, s.settled_at, s.settled_by, s.os_user, s.host
         FROM imp.recon_difference d
         LEFT JOIN LATERAL (SELECT * FROM imp.recon_settlement s
                            WHERE s.busino = d.busino AND s.day = d.day AND s.key = d.key
                            ORDER BY s.id LIMIT 1) s ON true
         WHERE d.id = $1 AND d.busino = $2`,
        [id, this.busino],
      );
      return r.rows[0] ? storedDifference(r.rows[0]) : undefined;
    });
  }

  /** Record that difference `id` was handled: a new row with the note, who and when. */
  settle(id: number, note: string): Promise<StoredDifference> {
    return this.query(async (c) => {
      const r = await c.query(
        `INSERT INTO imp.recon_settlement (difference_id, busino, day, key, note, os_user, host)
         SELECT id, busino, day, key, $3, $4, $5 FROM imp.recon_difference WHERE id = $1 AND busino = $2
         RETURNING id`,
        [id, this.busino, note, osUser(), hostname()],
      );
      if (r.rowCount !== 1) throw new UsageError(`imp recon settle ${id}: no such difference`);
      return (await this.difference(id))!;
    });
  }

  private async query<T>(fn: (c: Client) => Promise<T>): Promise<T> {
    try {
      return await fn(this.client);
    } catch (err) {
      throw dbFailure(err, this.url, 'recon.store');
    }
  }
}

function storedDifference(row: Record<string, unknown>): StoredDifference {
  const d: StoredDifference = {
    id: Number(row.id),
    day: row.day as string,
    class: row.class as string,
    type: row.type as string,
    orderno: row.orderno as string,
    refundno: row.refundno as string,
    detail: row.detail as ReconDifference,
  };
  if (row.note !== null && row.note !== undefined) {
    d.settlement = {
      note: row.note as string,
      at: new Date(row.settled_at as string).toISOString(),
      by: row.settled_by as string,
      osUser: (row.os_user as string) ?? undefined,
      host: (row.host as string) ?? undefined,
    };
  }
  return d;
}

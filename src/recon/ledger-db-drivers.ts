import type { DbDialect } from '../core/db-url.js';
import type { BoundSql } from './ledger-sql.js';

/**
 * Reading a query's rows from PostgreSQL or MySQL/MariaDB in batches, as arrays of text (or
 * numbers, from MySQL), never the whole result at once. Both drivers load only here, so only
 * `recon check --ledger-db` pays for them. The query runs in a read-only transaction with the
 * session in Asia/Shanghai, so timestamps come back as the bank's wall-clock times.
 */
export type DbCell = string | number | null;

/** Rows per round trip to PostgreSQL: large enough that round trips cost nothing next to the rows. */
const PG_BATCH = 5000;

export interface DbReadHandlers {
  columns: (names: string[]) => void;
  rows: (rows: DbCell[][]) => void;
}

export function readDbRows(
  dialect: DbDialect,
  url: string,
  sql: BoundSql,
  on: DbReadHandlers,
): Promise<void> {
  return dialect === 'postgres' ? readPg(url, sql, on) : readMysql(url, sql, on);
}

async function readPg(url: string, sql: BoundSql, on: DbReadHandlers): Promise<void> {
  const { default: pg } = await import('pg');
  const { default: Cursor } = await import('pg-cursor');
  // every value as the server's text: the ledger reader parses amounts and times itself, and a
  // NUMERIC must never pass through a float
  const raw = { getTypeParser: () => (v: string) => v } as unknown as import('pg').CustomTypesConfig;
  const client = new pg.Client({ connectionString: url, application_name: 'imp recon check' });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query("SET TIME ZONE 'Asia/Shanghai'");
    await client.query('BEGIN READ ONLY');
    const cursor = client.query(new Cursor<DbCell[]>(sql.text, sql.params, { rowMode: 'array', types: raw }));
    let first = true;
    for (;;) {
      const rows = await new Promise<DbCell[][]>((resolve, reject) =>
        cursor.read(PG_BATCH, (err, batch, result) => {
          if (err) return reject(err);
          try {
            if (first && result?.fields) {
              first = false;
              on.columns(result.fields.map((f) => f.name));
            }
          } catch (e) {
            return reject(e);
          }
          resolve(batch);
        }),
      );
      if (rows.length === 0) break;
      on.rows(rows);
    }
    await cursor.close();
    await client.query('COMMIT');
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function readMysql(url: string, sql: BoundSql, on: DbReadHandlers): Promise<void> {
  const { default: mysql } = await import('mysql2');
  const u = new URL(url);
  // mysql2 knows mysql:// only; mariadb:// is the same protocol
  u.protocol = 'mysql:';
  const conn = mysql.createConnection({
    uri: u.toString(),
    rowsAsArray: true,
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    decimalNumbers: false,
    connectTimeout: 10_000,
  });
  conn.on('error', () => undefined);
  const run = (text: string) =>
    new Promise<void>((resolve, reject) => conn.query(text, (err) => (err ? reject(err) : resolve())));
  try {
    await new Promise<void>((resolve, reject) => conn.connect((err) => (err ? reject(err) : resolve())));
    await run("SET time_zone = '+08:00'");
    await run('START TRANSACTION READ ONLY');
    await new Promise<void>((resolve, reject) => {
      // a server-side prepared statement (the values never enter the text, not even escaped);
      // events, no callback: mysql2 then keeps no rows of its own, each one is handed over and dropped
      const q = conn.execute({ sql: sql.text, values: sql.params, rowsAsArray: true });
      let batch: DbCell[][] = [];
      let failed: unknown;
      // a handler's error (a missing column) stops the read: the connection is dropped
      const guard = (fn: () => void) => {
        if (failed) return;
        try {
          fn();
        } catch (err) {
          failed = err;
          conn.destroy();
          reject(err);
        }
      };
      q.on('fields', (fields: { name: string }[]) => guard(() => on.columns(fields.map((f) => f.name))));
      q.on('result', (row: unknown) => {
        batch.push(row as DbCell[]);
        if (batch.length >= PG_BATCH) {
          const full = batch;
          batch = [];
          guard(() => on.rows(full));
        }
      });
      q.on('error', (err) => (failed ? undefined : reject(err)));
      q.on('end', () => {
        if (batch.length) guard(() => on.rows(batch));
        if (!failed) resolve();
      });
    });
    await run('COMMIT');
    await new Promise<void>((resolve) => conn.end(() => resolve()));
  } catch (err) {
    conn.destroy();
    throw err;
  }
}

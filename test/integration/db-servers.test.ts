import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MariaServer, requireMariadb, startMariadb } from '../helpers/mariadb.js';
import { type PgServer, requirePostgres, startPostgres } from '../helpers/postgres.js';

const pgBin = requirePostgres();

describe.skipIf(!pgBin)('throwaway PostgreSQL', () => {
  let server: PgServer;
  beforeAll(async () => {
    server = await startPostgres(pgBin!);
  }, 120_000);
  afterAll(async () => server?.stop(), 60_000);

  it('answers on its loopback port, with a role and database of its own', async () => {
    const url = await server.createDatabase('helper_t', { user: 'helper_u', password: "p'w" });
    expect(url).toContain(`127.0.0.1:${server.port}/helper_t`);
    const r = await server.sql('SELECT current_setting($1) AS v', 'helper_t', ['listen_addresses']);
    expect(r.rows[0].v).toBe('127.0.0.1');
  });
});

const mariaBins = requireMariadb();

describe.skipIf(!mariaBins)('throwaway MariaDB', () => {
  let server: MariaServer;
  beforeAll(async () => {
    server = await startMariadb(mariaBins!);
  }, 120_000);
  afterAll(async () => server?.stop(), 60_000);

  it('answers on its loopback port with a password login of its own', async () => {
    const url = await server.createDatabase('helper_t', { user: 'helper_u', password: 'pw-1' });
    const c = await mysql.createConnection(url);
    const [rows] = await c.query('SELECT @@bind_address AS b, DATABASE() AS d');
    await c.end();
    expect(rows).toEqual([{ b: '127.0.0.1', d: 'helper_t' }]);
  });
});

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import {
  chownTo,
  freePort,
  removeDir,
  runAs,
  type ServerProcess,
  serviceDir,
  startServerProcess,
  waitReady,
} from './db-server.js';
import { POSTGRES_DIRS, requireService } from './services.js';

/**
 * A throwaway PostgreSQL for a test file: `initdb` in a temp dir owned by `postgres` (run as
 * that user under root, as CI runs), the server on a free 127.0.0.1 port with its unix socket
 * in the temp dir, password authentication over TCP; stopped and deleted by {@link PgServer.stop}.
 */
export interface PgServer {
  host: '127.0.0.1';
  port: number;
  /** The superuser's URL for a database (default `postgres`). */
  adminUrl: (db?: string) => string;
  /** Create a database, optionally owned by a new login role; returns its URL as that role. */
  createDatabase: (name: string, role?: { user: string; password: string }) => Promise<string>;
  /** Run SQL as the superuser in `db`. */
  sql: (text: string, db?: string, params?: unknown[]) => Promise<pg.QueryResult>;
  stop: () => Promise<void>;
}

export const PG_ADMIN = { user: 'imp_admin', password: 'adm-Pa55-word-3f9c' } as const;

/** The directory of initdb/postgres, or null after the one SKIP line (throws under CI). */
export function requirePostgres(): string | null {
  const initdb = requireService(
    'PostgreSQL',
    [...POSTGRES_DIRS.map((d) => path.join(d, 'initdb')), 'initdb'],
    { install: 'apt-get install postgresql' },
  );
  return initdb ? path.dirname(initdb) : null;
}

/** Start one server; `fsync` off unless asked (tests need no durability, benches do). */
export async function startPostgres(binDir: string, opts: { fsync?: boolean } = {}): Promise<PgServer> {
  const dir = serviceDir('imp-pg-', 'postgres');
  const data = path.join(dir, 'data');
  const pwfile = path.join(dir, 'pw');
  writeFileSync(pwfile, `${PG_ADMIN.password}\n`, { mode: 0o600 });
  chownTo(pwfile, 'postgres');
  await runAs('postgres', [
    path.join(binDir, 'initdb'),
    '-D',
    data,
    '-U',
    PG_ADMIN.user,
    `--pwfile=${pwfile}`,
    '--auth-local=trust',
    '--auth-host=scram-sha-256',
    '--encoding=UTF8',
    '--locale=C',
    '--no-sync',
  ]);
  let server: ServerProcess | undefined;
  let port = 0;
  for (let attempt = 0; attempt < 3 && !server; attempt++) {
    port = await freePort();
    const s = startServerProcess('postgres', [
      path.join(binDir, 'postgres'),
      '-D',
      data,
      '-p',
      String(port),
      '-h',
      '127.0.0.1',
      '-k',
      dir,
      '-c',
      `fsync=${opts.fsync ? 'on' : 'off'}`,
      '-c',
      'max_connections=60',
      '-c',
      'shared_buffers=32MB',
    ]);
    const url = `postgres://${PG_ADMIN.user}:${PG_ADMIN.password}@127.0.0.1:${port}/postgres`;
    try {
      await waitReady('postgres', s, async () => {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.end();
      });
      server = s;
    } catch (err) {
      await s.stop('SIGKILL');
      // a port taken between freePort() and bind: try another one
      if (!/could not bind|Address already in use/i.test(String(err)) || attempt === 2) {
        removeDir(dir);
        throw err;
      }
    }
  }
  const adminUrl = (db = 'postgres') =>
    `postgres://${PG_ADMIN.user}:${encodeURIComponent(PG_ADMIN.password)}@127.0.0.1:${port}/${db}`;
  const sql = async (text: string, db?: string, params?: unknown[]) => {
    const c = new pg.Client({ connectionString: adminUrl(db) });
    await c.connect();
    try {
      return await c.query(text, params);
    } finally {
      await c.end();
    }
  };
  return {
    host: '127.0.0.1',
    port,
    adminUrl,
    sql,
    createDatabase: async (name, role) => {
      if (role) {
        await sql(`CREATE ROLE ${role.user} LOGIN PASSWORD '${role.password.replaceAll("'", "''")}'`);
        await sql(`CREATE DATABASE ${name} OWNER ${role.user}`);
        return `postgres://${role.user}:${encodeURIComponent(role.password)}@127.0.0.1:${port}/${name}`;
      }
      await sql(`CREATE DATABASE ${name}`);
      return adminUrl(name);
    },
    stop: async () => {
      // SIGINT: PostgreSQL's fast shutdown
      await server!.stop('SIGINT');
      removeDir(dir);
    },
  };
}

import path from 'node:path';
import mysql from 'mysql2/promise';
import {
  freePort,
  removeDir,
  runAs,
  type ServerProcess,
  serviceDir,
  startServerProcess,
  waitReady,
} from './db-server.js';
import { requireService } from './services.js';

/**
 * A throwaway MariaDB for a test file: `mariadb-install-db` into a temp dir owned by `mysql`,
 * `mariadbd` on a free 127.0.0.1 port with its socket in the temp dir (no my.cnf read), a
 * database and a password login created over the socket; stopped and deleted by `stop`.
 */
export interface MariaServer {
  port: number;
  /** Create a database and a login that may use it; returns `mysql://user:pw@127.0.0.1:port/db`. */
  createDatabase: (name: string, role: { user: string; password: string }) => Promise<string>;
  /** Run SQL as root (over the socket) in `db`. */
  sql: (text: string, db?: string, params?: unknown[]) => Promise<unknown>;
  stop: () => Promise<void>;
}

/** The paths of mariadbd and mariadb-install-db, or null after the one SKIP line (throws under CI). */
export function requireMariadb(): { server: string; install: string } | null {
  const server = requireService('MariaDB server', ['mariadbd', '/usr/sbin/mariadbd', 'mysqld'], {
    install: 'apt-get install mariadb-server',
  });
  if (!server) return null;
  const install = requireService('MariaDB installer', ['mariadb-install-db', 'mysql_install_db'], {
    install: 'apt-get install mariadb-server',
  });
  return install ? { server, install } : null;
}

export async function startMariadb(bins: { server: string; install: string }): Promise<MariaServer> {
  const dir = serviceDir('imp-maria-', 'mysql');
  const data = path.join(dir, 'data');
  const socket = path.join(dir, 'mysqld.sock');
  await runAs('mysql', [
    bins.install,
    '--no-defaults',
    `--datadir=${data}`,
    '--auth-root-authentication-method=normal',
    '--skip-test-db',
    '--skip-name-resolve',
  ]);
  let server: ServerProcess | undefined;
  let port = 0;
  for (let attempt = 0; attempt < 3 && !server; attempt++) {
    port = await freePort();
    const s = startServerProcess('mysql', [
      bins.server,
      '--no-defaults',
      `--datadir=${data}`,
      `--socket=${socket}`,
      `--pid-file=${path.join(dir, 'mysqld.pid')}`,
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      '--skip-name-resolve',
      '--skip-log-bin',
      '--innodb-flush-log-at-trx-commit=0',
      '--innodb-buffer-pool-size=64M',
      `--log-error=${path.join(dir, 'error.log')}`,
    ]);
    try {
      await waitReady('mariadbd', s, async () => {
        const c = await mysql.createConnection({ socketPath: socket, user: 'root' });
        await c.end();
      });
      server = s;
    } catch (err) {
      await s.stop('SIGKILL');
      if (attempt === 2) {
        removeDir(dir);
        throw err;
      }
    }
  }
  const sql = async (text: string, db?: string, params?: unknown[]) => {
    const c = await mysql.createConnection({ socketPath: socket, user: 'root', database: db });
    try {
      const [rows] = await c.query(text, params);
      return rows;
    } finally {
      await c.end();
    }
  };
  return {
    port,
    sql,
    createDatabase: async (name, role) => {
      await sql(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`);
      await sql('CREATE USER ?@? IDENTIFIED BY ?', undefined, [role.user, '127.0.0.1', role.password]);
      await sql(`GRANT ALL ON \`${name}\`.* TO ?@?`, undefined, [role.user, '127.0.0.1']);
      return `mysql://${role.user}:${encodeURIComponent(role.password)}@127.0.0.1:${port}/${name}`;
    },
    stop: async () => {
      await server!.stop('SIGTERM');
      removeDir(dir);
    },
  };
}

// A throwaway PostgreSQL for benches (the tests' helper is test/helpers/postgres.ts, in
// TypeScript): initdb in a temp dir owned by `postgres` (run as that user under root), the
// server on a free 127.0.0.1 port, socket in the temp dir, password auth over TCP.
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

const DIRS = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'];
const USER = 'imp_bench';
const PASSWORD = 'bench-pw-77';

export function postgresBin() {
  return DIRS.find((d) => existsSync(path.join(d, 'initdb'))) ?? null;
}

const root = process.getuid?.() === 0;
const asPg = (argv) => (root ? ['runuser', '-u', 'postgres', '--', ...argv] : argv);

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Start a server; `fsync` as asked (the journal's commit latency needs it on). */
export async function startPostgres({ fsync = true } = {}) {
  const bin = postgresBin();
  if (!bin) throw new Error('PostgreSQL not found (apt-get install postgresql)');
  const dir = mkdtempSync(path.join(tmpdir(), 'imp-bench-pg-'));
  const pw = path.join(dir, 'pw');
  writeFileSync(pw, `${PASSWORD}\n`);
  if (root) {
    const [, , uid, gid] = execFileSync('getent', ['passwd', 'postgres'], { encoding: 'utf8' }).split(':');
    chownSync(dir, Number(uid), Number(gid));
    chownSync(pw, Number(uid), Number(gid));
  }
  const data = path.join(dir, 'data');
  const [cmd, ...args] = asPg([
    path.join(bin, 'initdb'),
    '-D',
    data,
    '-U',
    USER,
    `--pwfile=${pw}`,
    '--auth-host=scram-sha-256',
    '--auth-local=trust',
    '--no-sync',
    '--locale=C',
    '--encoding=UTF8',
  ]);
  execFileSync(cmd, args, { stdio: 'ignore' });
  const port = await freePort();
  const [scmd, ...sargs] = asPg([
    path.join(bin, 'postgres'),
    '-D',
    data,
    '-p',
    String(port),
    '-h',
    '127.0.0.1',
    '-k',
    dir,
    '-c',
    `fsync=${fsync ? 'on' : 'off'}`,
  ]);
  const child = spawn(scmd, sargs, { detached: true, stdio: 'ignore' });
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  for (let i = 0; ; i++) {
    try {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.end();
      break;
    } catch (err) {
      if (i > 200) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    port,
    bin,
    stop: async () => {
      const gone = new Promise((r) => child.once('exit', r));
      process.kill(-child.pid, 'SIGINT');
      await gone;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

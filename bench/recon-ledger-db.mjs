// `imp recon check` with the 1,000,000-row ledger read from PostgreSQL (--ledger-db) against
// the same rows read from the CSV export (--ledger). Goals (issue 14): at most 1.5x the time,
// peak RSS within 50 MB of the CSV run. The table has typed columns (bigint amounts, a
// timestamp) as a merchant's orders table would. Each run is a child process; runs alternate
// (CSV, DB, CSV, DB…) so load from other processes falls on both sides; medians compared.
// Time is wall time here, not CPU: the database's share of the work is in the server process.
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startPostgres } from './lib/pg-server.mjs';
import { generate, plantedCounts } from './recon-gen.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = fileURLToPath(new URL('./out/', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 5);
const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);

const dir = `${outDir}${rows}/`;
const ledgerCsv = `${dir}ledger_20261124_${rows}.csv`;
const bank = `${dir}DZ_448437020000010_20261124.csv`;
if (!existsSync(ledgerCsv)) await generate(rows, dir);

const server = await startPostgres({ fsync: false });
try {
  await load(server);
  const QUERY =
    'SELECT type, orderno, refundno, amount, status, created_at AS time, fee FROM ledger WHERE created_at >= {from} AND created_at < {to}';
  const script = `
import { runReconCheck } from './dist/recon/check.js';
import { ledgerDbSource } from './dist/recon/ledger-db.js';
const [kind, bank, arg] = process.argv.slice(-3);
const t0 = performance.now();
const ledger = kind === 'csv' ? { kind: 'file', path: arg } : ledgerDbSource({ url: arg, sql: ${JSON.stringify(QUERY)}, window: 1800 });
const r = await runReconCheck({ file: bank, ledger, window: 1800 });
const classes = Object.fromEntries(Object.entries(r.summary.classes).map(([k, v]) => [k, v.count]));
const cpu = process.cpuUsage();
console.log(JSON.stringify({ ms: performance.now() - t0, cpu: (cpu.user + cpu.system) / 1000, rssMB: process.resourceUsage().maxRSS / 1024, classes, ledgerRows: r.summary.ledger.rows }));
`;
  const child = (kind, arg) => {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, kind, bank, arg], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    if (r.status !== 0) throw new Error(`child failed: ${r.stderr}`);
    return JSON.parse(r.stdout.trim().split('\n').pop());
  };
  const csv = [];
  const db = [];
  for (let i = 0; i < runs; i++) {
    csv.push(child('csv', ledgerCsv));
    db.push(child('db', `${server.url.replace(/\/postgres$/, '/shop')}`));
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const spread = (xs) => `${(Math.min(...xs) / 1000).toFixed(2)}–${(Math.max(...xs) / 1000).toFixed(2)} s`;
  const planted = plantedCounts(rows);
  const same = JSON.stringify(csv.at(-1).classes) === JSON.stringify(db.at(-1).classes);
  const found = Object.entries(planted).every(([k, n]) => db.at(-1).classes[k] === n);
  const t = { csv: median(csv.map((x) => x.ms)), db: median(db.map((x) => x.ms)) };
  const rss = { csv: Math.max(...csv.map((x) => x.rssMB)), db: Math.max(...db.map((x) => x.rssMB)) };
  const cpu = { csv: median(csv.map((x) => x.cpu)), db: median(db.map((x) => x.cpu)) };
  console.log(
    `ledger of ${rows} rows, ${runs} paired runs: CSV ${(t.csv / 1000).toFixed(2)} s (${spread(csv.map((x) => x.ms))}), PostgreSQL ${(t.db / 1000).toFixed(2)} s (${spread(db.map((x) => x.ms))})`,
  );
  console.log(
    `imp's own CPU: CSV ${(cpu.csv / 1000).toFixed(2)} s, PostgreSQL ${(cpu.db / 1000).toFixed(2)} s`,
  );
  const ratio = t.db / t.csv;
  console.log(`time PostgreSQL vs CSV: ${ratio.toFixed(2)}x (goal ≤ 1.50x) ${ratio <= 1.5 ? 'OK' : 'MISS'}`);
  const extra = rss.db - rss.csv;
  console.log(
    `peak RSS: CSV ${rss.csv.toFixed(0)} MB, PostgreSQL ${rss.db.toFixed(0)} MB, +${extra.toFixed(0)} MB (goal ≤ +50 MB) ${extra <= 50 ? 'OK' : 'MISS'}`,
  );
  console.log(
    `same findings from both ledgers: ${same && found ? 'yes (planted differences found exactly)' : `NO ${JSON.stringify(db.at(-1).classes)}`}`,
  );
  process.exitCode = ratio <= 1.5 && extra <= 50 && same && found ? 0 : 1;
} catch (err) {
  console.error(err);
  process.exitCode = 1;
} finally {
  await server.stop();
}

/** The CSV ledger into a typed table (bigint amounts, a timestamp), through psql's COPY. */
async function load(server) {
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query('CREATE DATABASE shop');
  await admin.end();
  const url = server.url.replace(/\/postgres$/, '/shop');
  const c = new pg.Client({ connectionString: url });
  c.on('error', () => undefined);
  await c.connect();
  await c.query(`CREATE UNLOGGED TABLE staging (type text, orderno text, refundno text, amount bigint, status text, time text, fee bigint);
    CREATE TABLE ledger (id bigserial PRIMARY KEY, type text, orderno text, refundno text, amount bigint, status text, created_at timestamp, fee bigint)`);
  await new Promise((resolve, reject) => {
    const p = spawn(
      `${server.bin}/psql`,
      [url, '-q', '-c', 'COPY staging FROM STDIN WITH (FORMAT csv, HEADER true)'],
      {
        stdio: ['pipe', 'inherit', 'inherit'],
      },
    );
    createReadStream(ledgerCsv).pipe(p.stdin);
    p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`psql COPY exited ${code}`))));
  });
  await c.query(`INSERT INTO ledger (type, orderno, refundno, amount, status, created_at, fee)
    SELECT type, orderno, refundno, amount, status, to_timestamp(time, 'YYYYMMDDHH24MISS')::timestamp, fee FROM staging;
    DROP TABLE staging`);
  await c.query('VACUUM ANALYZE ledger');
  await c.end();
}

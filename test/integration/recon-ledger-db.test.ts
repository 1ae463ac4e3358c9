import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImp } from '../helpers/cli.js';
import { type MariaServer, requireMariadb, startMariadb } from '../helpers/mariadb.js';
import { type PgServer, requirePostgres, startPostgres } from '../helpers/postgres.js';

// `imp recon check --ledger-db --ledger-sql` against real PostgreSQL and MariaDB servers.

const DAY = '20261124';
const SETTLED: Record<string, string> = { '1.00': '0.99', '2.00': '1.99' };
const detail = (orderno: string, yuan: string, time = `${DAY}101010`) =>
  `T${orderno},S${orderno},${orderno},${time},0,,${yuan},${SETTLED[yuan]},,,,,0.01,,订单,00081,`;
const READER = { user: 'ledger_reader', password: "Rd#pw:9/q'x" };

let dir: string;
let bank: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'imp-ledger-db-'));
  bank = join(dir, `DZ_9_${DAY}.csv`);
  await writeFile(
    bank,
    `2,3.00,2.98\r\n${detail('E1', '1.00')}\r\n${detail('E2', '2.00', `${DAY}235930`)}\r\n`,
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const pgBin = requirePostgres();

describe.skipIf(!pgBin)('recon check --ledger-db (PostgreSQL)', () => {
  let server: PgServer;
  let url: string;
  beforeAll(async () => {
    server = await startPostgres(pgBin!);
    url = await server.createDatabase('shop', READER);
    await server.sql(
      `CREATE TABLE orders (order_no text, amt bigint, st text, created_at timestamptz, note text);
       INSERT INTO orders VALUES
         ('E1', 100, '支付成功', '2026-11-24 10:10:10+08', 'x'),
         ('E2', 200, '支付成功', '2026-11-24 23:59:30+08', NULL),
         ('E0', 500, '支付成功', '2026-11-23 12:00:00+08', 'another day'),
         ('E9', 900, '支付成功', '2026-11-25 12:00:00+08', 'another day');
       ALTER TABLE orders OWNER TO ${READER.user};`,
      'shop',
    );
  }, 120_000);
  afterAll(async () => server?.stop(), 60_000);

  const QUERY =
    "SELECT order_no, amt, st, created_at FROM orders WHERE created_at >= {from} AND created_at < {to} AND {date}::date IS NOT NULL AND note IS DISTINCT FROM '{date}' ORDER BY created_at";
  const MAP = [
    '--map',
    'orderno=order_no',
    '--map',
    'amount=amt',
    '--map',
    'status=st',
    '--map',
    'time=created_at',
  ];

  it('matches the rows of the bank day, the day bound as parameters', async () => {
    const r = await runImp([
      '--json',
      'recon',
      'check',
      bank,
      '--ledger-db',
      url,
      '--ledger-sql',
      QUERY,
      ...MAP,
    ]);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout);
    expect(r.code).toBe(0);
    expect(doc.summary.classes.matched.count).toBe(2);
    expect(doc.summary.ledger.rows).toBe(2);
    expect(doc.summary.ledger.source).not.toContain(READER.password);
    expect(doc.summary.ledger.source).toContain('****');
  });

  it('reports differences from the database like from a CSV ledger (exit 5)', async () => {
    await server.sql("UPDATE orders SET amt = 150 WHERE order_no = 'E1'", 'shop');
    try {
      const sqlFile = join(dir, 'ledger.sql');
      await writeFile(sqlFile, `${QUERY}\n`);
      const r = await runImp([
        '--json',
        'recon',
        'check',
        bank,
        '--ledger-db',
        url,
        '--ledger-sql',
        `@${sqlFile}`,
        ...MAP,
      ]);
      expect(r.code).toBe(5);
      const doc = JSON.parse(r.stdout);
      expect(doc.differences).toHaveLength(1);
      expect(doc.differences[0]).toMatchObject({ class: 'long', orderno: 'E1' });
      expect(doc.differences[0].ledger).toMatchObject({ amount: 150, time: '20261124101010', line: 1 });
    } finally {
      await server.sql("UPDATE orders SET amt = 100 WHERE order_no = 'E1'", 'shop');
    }
  });

  it('--verbose shows the masked URL, the query with $n markers and the values, never the password', async () => {
    const r = await runImp(
      ['--verbose', 'recon', 'check', bank, '--ledger-db', 'env:SHOP_DB', '--ledger-sql', QUERY, ...MAP],
      { env: { SHOP_DB: url } },
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('created_at >= $1 AND created_at < $2 AND $3::date IS NOT NULL');
    // the {date} inside quotes is a literal, not a placeholder
    expect(r.stderr).toContain("IS DISTINCT FROM '{date}'");
    expect(r.stderr).toContain('["2026-11-23 23:30:00","2026-11-25 00:30:00","2026-11-24"]');
    expect(r.stderr).toContain(`${READER.user}:****@127.0.0.1:${server.port}/shop`);
    for (const out of [r.stdout, r.stderr]) {
      expect(out).not.toContain(READER.password);
      expect(out).not.toContain(encodeURIComponent(READER.password));
    }
  });

  it('a wrong password: exit 2, one line, the password masked', async () => {
    const bad = url.replace(encodeURIComponent(READER.password), 'Wrong-Secret-77');
    const r = await runImp(['recon', 'check', bank, '--ledger-db', bad, '--ledger-sql', QUERY, ...MAP]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /--ledger-db postgres:\/\/ledger_reader:\*\*\*\*@.*password authentication failed/,
    );
    expect(r.stderr).not.toContain('Wrong-Secret-77');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('names a missing column, and cannot change the merchant database (read-only)', async () => {
    const r = await runImp([
      'recon',
      'check',
      bank,
      '--ledger-db',
      url,
      '--ledger-sql',
      'SELECT order_no FROM orders',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "the query has no 'amount' column (name it with AS amount, or --map amount=<column>)",
    );
    const d = await runImp([
      'recon',
      'check',
      bank,
      '--ledger-db',
      url,
      '--ledger-sql',
      'DELETE FROM orders RETURNING order_no AS orderno, amt AS amount',
    ]);
    expect(d.code).toBe(2);
    expect(d.stderr).toContain('read-only transaction');
    const left = await server.sql('SELECT count(*)::int AS n FROM orders', 'shop');
    expect(left.rows[0].n).toBe(4);
  });

  it('refuses an unknown placeholder before connecting', async () => {
    const r = await runImp([
      'recon',
      'check',
      bank,
      '--ledger-db',
      url,
      '--ledger-sql',
      'SELECT * FROM orders WHERE x = {day}',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown placeholder {day}');
  });
});

const mariaBins = requireMariadb();

describe.skipIf(!mariaBins)('recon check --ledger-db (MariaDB)', () => {
  let server: MariaServer;
  let url: string;
  beforeAll(async () => {
    server = await startMariadb(mariaBins!);
    url = await server.createDatabase('shop', READER);
    await server.sql(
      'CREATE TABLE orders (order_no VARCHAR(32), type VARCHAR(8), amount DECIMAL(12,2), status VARCHAR(16), time DATETIME)',
      'shop',
    );
    await server.sql(
      `INSERT INTO orders VALUES
        ('E1', '支付', 1.00, 'success', '2026-11-24 10:10:10'),
        ('E2', '支付', 2.00, 'success', '2026-11-24 23:59:30'),
        ('E0', '支付', 5.00, 'success', '2026-11-23 12:00:00')`,
      'shop',
    );
  }, 120_000);
  afterAll(async () => server?.stop(), 60_000);

  it('streams the rows with ? markers; DECIMAL 元 with --ledger-unit yuan', async () => {
    const mariaUrl = url.replace(/^mysql:/, 'mariadb:');
    const r = await runImp([
      '--json',
      'recon',
      'check',
      bank,
      '--ledger-db',
      mariaUrl,
      '--ledger-unit',
      'yuan',
      '--ledger-sql',
      'SELECT order_no AS orderno, type, amount, status, time FROM orders WHERE time >= {from} AND time < {to}',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.summary.classes.matched.count).toBe(2);
    expect(doc.summary.ledger.rows).toBe(2);
  });

  it('an amount that is not 分 is a problem line naming its row (exit 5)', async () => {
    const r = await runImp([
      '--json',
      'recon',
      'check',
      bank,
      '--ledger-db',
      url,
      '--ledger-sql',
      'SELECT order_no AS orderno, amount, status, time FROM orders WHERE DATE(time) = {date}',
    ]);
    expect(r.code).toBe(5);
    const doc = JSON.parse(r.stdout);
    expect(doc.problems[0]).toMatchObject({
      source: 'ledger',
      line: 1,
      reason: "amount '1.00' is not an amount",
    });
    expect(JSON.stringify(doc)).not.toContain(READER.password);
  });
});

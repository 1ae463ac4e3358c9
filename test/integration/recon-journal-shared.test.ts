import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeLine } from '../../src/journal/line-format.js';
import { migrate } from '../../src/journal/migrate.js';
import { connectPg } from '../../src/journal/pg-connect.js';
import { PgJournalStore } from '../../src/journal/pg-store.js';
import { runImp } from '../helpers/cli.js';
import { grantOperator } from '../helpers/journal-db.js';
import { type PgServer, requirePostgres, startPostgres } from '../helpers/postgres.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

// Visibility: refunds journaled on two machines, one through a local file imported into the
// shared journal and one written to it directly; the cron host's recon check --journal sees both.

const pgBin = requirePostgres();
const refundLine = (orderno: string, refundno: string, yuan: string, settled: string, fee: string) =>
  `T${refundno},S${refundno},${orderno},20261124100000,1,,-${yuan},-${settled},,,,,-${fee},,订单,00081,${refundno}`;
const entry = (id: string, orderno: string, refundno: string, amount: number) => [
  encodeLine({
    type: 'begin',
    id,
    txn: 'refund',
    profile: 'sandbox',
    at: '2026-11-24T02:00:00.000Z',
    orderno,
    refundno,
    amount,
  }),
  encodeLine({ type: 'finish', id, state: 'success', at: '2026-11-24T02:00:01.000Z', respcode: '00000' }),
];

describe.skipIf(!pgBin)('recon check --journal on the shared journal (the cron host)', () => {
  let server: PgServer;
  let t: TestSandbox;
  let url: string;
  const configs: Record<string, string> = {};
  let busino = '';
  beforeAll(async () => {
    server = await startPostgres(pgBin!);
    const owner = await server.createDatabase('shared', { user: 'sh_owner', password: 'sh-owner-pw' });
    const c = await connectPg(owner, 'journal.url');
    await migrate(c);
    await c.end();
    url = await grantOperator(server, 'shared', { user: 'sh_op', password: 'Sh-Op-Secret' });
    t = await startTestSandbox();
    const base = JSON.parse(await readFile(t.configPath, 'utf8'));
    busino = base.profiles.sandbox.busino;
    for (const host of ['machineA', 'machineB', 'cron']) {
      const profile = {
        ...base.profiles.sandbox,
        journal: { dir: `./journal-${host}`, url: 'env:TEAM_JOURNAL' },
      };
      configs[host] = join(t.root, `${host}.json`);
      await writeFile(
        configs[host]!,
        JSON.stringify({ defaultProfile: 'sandbox', profiles: { sandbox: profile } }),
      );
    }
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await server?.stop();
  }, 60_000);
  const imp = (host: string, args: string[]) =>
    runImp(['-c', configs[host]!, ...args], { cwd: t.root, env: { TEAM_JOURNAL: url } });

  it('sees the refunds of both machines', async () => {
    // machine A: its old local journal, moved in
    const local = join(t.root, 'machineA-old.jsonl');
    await writeFile(local, `${entry('a1', 'O1', 'R1', 100).join('\n')}\n`);
    const imported = await imp('machineA', ['journal', 'import', local]);
    expect(imported.code).toBe(0);
    // machine B: lines written to the shared journal as it works
    const b = new PgJournalStore(url, busino, 'sandbox');
    // another merchant number's refund in the same database: not this merchant's ledger
    const other = new PgJournalStore(url, '899999999999999', 'other');
    try {
      await other.append(entry('x1', 'O3', 'R3', 300)[0]!);
      await b.withOrderLock(busino, 'O2', async (tx) => {
        for (const line of entry('b1', 'O2', 'R2', 200)) await tx.append(line);
      });
    } finally {
      await b.close();
      await other.close();
    }
    const bank = join(t.root, `DZ_${busino}_20261124.csv`);
    await writeFile(
      bank,
      `2,-3.00,-2.98\r\n${refundLine('O1', 'R1', '1.00', '0.99', '0.01')}\r\n${refundLine('O2', 'R2', '2.00', '1.99', '0.01')}\r\n`,
    );
    const r = await imp('cron', ['--json', 'recon', 'check', bank, '--journal']);
    const doc = JSON.parse(r.stdout);
    expect(r.stderr).toBe('');
    expect({ code: r.code, differences: doc.differences, problems: doc.problems }).toEqual({
      code: 0,
      differences: [],
      problems: [],
    });
    expect(doc.summary.classes.matched.count).toBe(2);
    expect(doc.summary.ledger.source).toMatch(/^journal:postgres:\/\/sh_op:\*\*\*\*@/);
    expect(r.stdout).not.toContain('Sh-Op-Secret');
  });
});

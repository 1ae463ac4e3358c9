import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cstParts } from '../../src/core/time.js';
import { migrate } from '../../src/journal/migrate.js';
import { connectPg } from '../../src/journal/pg-connect.js';
import { IMP_BIN } from '../helpers/cli.js';
import { grantOperator } from '../helpers/journal-db.js';
import { type PgServer, requirePostgres, startPostgres } from '../helpers/postgres.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { paidOrder, sandboxRefunds } from '../integration/refund-harness.js';

// Team mode end to end: two operators' machines and a cron host, each its own config dir, share
// one PostgreSQL journal (issue 14). The sandbox's own records are the proof.

const pgBin = requirePostgres();
const HOSTS = ['machineA', 'machineB', 'cron'] as const;
type Host = (typeof HOSTS)[number];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe.skipIf(!pgBin)('two machines and a cron host on one shared journal', () => {
  let server: PgServer;
  let t: TestSandbox;
  let url = '';
  let busino = '';
  const configs = {} as Record<Host, string>;
  /** Refunds meant, per order: the sandbox must record no more. */
  const intended = new Map<string, number>();
  beforeAll(async () => {
    server = await startPostgres(pgBin!);
    const owner = await server.createDatabase('team', { user: 'tm_owner', password: 'tm-owner-pw' });
    const c = await connectPg(owner, 'journal.url');
    await migrate(c);
    await c.end();
    url = await grantOperator(server, 'team', { user: 'tm_op', password: 'Tm-Op-Secret' });
    // refunds stay processing 300 ms; an amount ending in 94 is answered after the client gave up
    t = await startTestSandbox({
      refundDelayMs: 300,
      slowAnswerMs: 2500,
      profile: { http: { timeoutMs: 1000, connectTimeoutMs: 1000 } },
    });
    const base = JSON.parse(await readFile(t.configPath, 'utf8')).profiles.sandbox;
    busino = base.busino;
    for (const host of HOSTS) {
      configs[host] = join(t.root, `${host}.json`);
      const profile = { ...base, journal: { dir: `./journal-${host}`, url: 'env:TEAM_JOURNAL' } };
      await writeFile(
        configs[host],
        JSON.stringify({ defaultProfile: 'sandbox', profiles: { sandbox: profile } }),
      );
    }
  }, 120_000);
  afterAll(async () => {
    let extra = 0;
    for (const [orderno, n] of intended) extra += Math.max(0, sandboxRefunds(t, orderno).length - n);
    console.log(`shared journal: refunds recorded by the sandbox beyond those intended: ${extra}`);
    await t?.close();
    await server?.stop();
    expect(extra).toBe(0);
  }, 60_000);

  const spawnImp = (host: Host, args: string[]): ChildProcess => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', LANG: 'en_US.UTF-8', TEAM_JOURNAL: url };
    delete env.IMP_CONFIG;
    delete env.IMP_PROFILE;
    return spawn(process.execPath, [IMP_BIN, '-c', configs[host], ...args], { cwd: t.root, env });
  };
  const finish = (child: ChildProcess): Promise<Run> =>
    new Promise((resolve) => {
      let stdout = '';
      let stderr = '';
      child.stdout?.setEncoding('utf8').on('data', (d) => (stdout += d));
      child.stderr?.setEncoding('utf8').on('data', (d) => (stderr += d));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  const imp = (host: Host, args: string[]) => finish(spawnImp(host, args));

  it('visibility: the cron host checks the bank file against both machines refunds', async () => {
    const [v1, v2] = [await paidOrder(t, 500), await paidOrder(t, 500)];
    const refunds: { orderno: string; refundno: string }[] = [];
    for (const [host, orderno] of [
      ['machineA', v1],
      ['machineB', v2],
    ] as const) {
      intended.set(orderno, 1);
      const r = await imp(host, ['--yes', '--json', 'refund', orderno, '--amount', '0.05']);
      expect(r.code, r.stderr).toBe(0);
      refunds.push({ orderno, refundno: JSON.parse(r.stdout).refund.refundno });
    }
    const { date, time } = cstParts();
    const bank = join(t.root, `DZ_${busino}_${date}.csv`);
    const line = (r: (typeof refunds)[number]) =>
      `T${r.refundno},S${r.refundno},${r.orderno},${date}${time},1,,-0.05,-0.05,,,,,-0.00,,订单,00081,${r.refundno}`;
    await writeFile(bank, `2,-0.10,-0.10\r\n${refunds.map(line).join('\r\n')}\r\n`);
    await new Promise((r) => setTimeout(r, 400)); // the refunds are settled by now
    const r = await imp('cron', ['--json', 'recon', 'check', bank, '--journal', '--resolve']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.summary.classes.matched.count).toBe(2);
    expect(doc.summary.ledger.source).toMatch(/^journal:postgres:\/\/tm_op:\*\*\*\*@/);
    for (const host of HOSTS) expect(existsSync(join(t.root, `journal-${host}`)), host).toBe(false);
  }, 60_000);

  it('crash: machine A killed -9 mid-refund; machine B sees it pending and resolve settles it', async () => {
    const orderno = await paidOrder(t, 1000);
    intended.set(orderno, 1);
    const child = spawnImp('machineA', ['--yes', 'refund', orderno, '--amount', '1.94']);
    const done = finish(child);
    const begun = async () =>
      Number(
        (
          await server.sql(
            "SELECT count(*) AS n FROM imp.journal WHERE orderno = $1 AND kind = 'begin'",
            'team',
            [orderno],
          )
        ).rows[0].n,
      ) > 0;
    const deadline = Date.now() + 10_000;
    // the request is with the platform (its refund recorded), the answer not back yet
    while (Date.now() < deadline && !((await begun()) && sandboxRefunds(t, orderno).length > 0))
      await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGKILL');
    expect((await done).code).toBeNull();
    const pending = await imp('machineB', ['--json', 'journal', 'pending']);
    expect(pending.code, pending.stderr).toBe(0);
    const entry = (JSON.parse(pending.stdout).entries as { orderno: string; state: string }[]).find(
      (e) => e.orderno === orderno,
    );
    expect(entry?.state).toBe('unknown');
    await new Promise((r) => setTimeout(r, 400)); // past the sandbox's processing time
    const resolved = await imp('machineB', ['journal', 'resolve']);
    expect(resolved.code, resolved.stderr).toBe(0);
    const after = await imp('machineB', ['--json', 'journal', 'pending']);
    expect(JSON.parse(after.stdout).entries.map((e: { orderno: string }) => e.orderno)).not.toContain(
      orderno,
    );
    // the same command on machine B: the refund happened, a second one needs --again
    const again = await imp('machineB', ['--yes', 'refund', orderno, '--amount', '1.94']);
    expect(again.code, again.stderr).toBe(2);
    expect(sandboxRefunds(t, orderno)).toHaveLength(1);
  }, 60_000);

  it('race: 100 refunds of the same orders from two machines; each order refunded once', async () => {
    const orders = 25;
    const perOrder: Host[] = ['machineA', 'machineB', 'machineA', 'machineB'];
    const codes = new Map<number | null, number>();
    const one = async () => {
      const orderno = await paidOrder(t, 1000);
      intended.set(orderno, 1);
      // each operator gives the refund a number of the merchant's own system: the platform's
      // duplicate-refundno rule cannot catch a second refund, only the shared journal can
      const runs = await Promise.all(
        perOrder.map((host, k) =>
          imp(host, [
            '--yes',
            'refund',
            orderno,
            '--amount',
            '1.00',
            '--refund-no',
            `R${k}${orderno.slice(-16)}`,
          ]),
        ),
      );
      for (const r of runs) {
        codes.set(r.code, (codes.get(r.code) ?? 0) + 1);
        // sent, or found the one sent (resumed), or refused a second one without --again; or
        // found the other machine's refund still in flight (the order lock ends when its begin
        // row is committed): its outcome unknown yet, and nothing sent
        expect([0, 2, 3], r.stderr).toContain(r.code);
        if (r.code === 3) expect(r.stderr).toContain('no new refund sent');
      }
      expect(sandboxRefunds(t, orderno), orderno).toHaveLength(1);
    };
    for (let i = 0; i < orders; i += 2) await Promise.all([one(), ...(i + 1 < orders ? [one()] : [])]);
    console.log(
      `shared journal race: ${orders * perOrder.length} refunds, exit codes ${JSON.stringify([...codes])}`,
    );
  }, 300_000);
});

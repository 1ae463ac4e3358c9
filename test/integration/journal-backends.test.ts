import { existsSync } from 'node:fs';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cstParts } from '../../src/core/time.js';
import { Journal } from '../../src/journal/journal.js';
import { migrate } from '../../src/journal/migrate.js';
import { connectPg } from '../../src/journal/pg-connect.js';
import { PgJournalStore } from '../../src/journal/pg-store.js';
import { grantOperator } from '../helpers/journal-db.js';
import { type PgServer, requirePostgres, startPostgres } from '../helpers/postgres.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { journalOf, paidOrder, sandboxRefunds } from './refund-harness.js';

// Every journal command, once per backend: the local file and the shared PostgreSQL journal
// (journal.url). The same commands, the same answers; on PostgreSQL no local file appears.

const pgBin = requirePostgres();
const backends = pgBin ? (['file', 'postgres'] as const) : (['file'] as const);

/** A refund line of the bank's reconciliation file (DZ_<busino>_<date>.csv). */
const bankRefund = (orderno: string, refundno: string, fen: number, time: string) => {
  const yuan = (fen / 100).toFixed(2);
  return `T${refundno},S${refundno},${orderno},${time},1,,-${yuan},-${yuan},,,,,-0.00,,订单,00081,${refundno}`;
};

describe.each(backends)('journal commands on the %s journal', (backend) => {
  let server: PgServer | undefined;
  let url = '';
  let t: TestSandbox;
  let busino = '';
  beforeAll(async () => {
    if (backend === 'postgres') {
      server = await startPostgres(pgBin!);
      const owner = await server.createDatabase('backends', { user: 'bk_owner', password: 'bk-owner-pw' });
      const c = await connectPg(owner, 'journal.url');
      await migrate(c);
      await c.end();
      url = await grantOperator(server, 'backends', { user: 'bk_op', password: 'Bk-Op-Secret' });
    }
    t = await startTestSandbox(
      backend === 'postgres' ? { profile: { journal: { dir: './journal', url: 'env:TEAM_JOURNAL' } } } : {},
    );
    busino = JSON.parse(await readFile(t.configPath, 'utf8')).profiles.sandbox.busino;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await server?.stop();
  }, 60_000);
  const imp = (args: string[]) => t.runCli(args, { env: { TEAM_JOURNAL: url } });
  const json = async (args: string[]) => {
    const r = await imp(['--json', ...args]);
    expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    return { doc: JSON.parse(r.stdout), stderr: r.stderr };
  };
  /** This backend's journal, as the test writes to it directly (a killed process's lines). */
  const journal = () =>
    backend === 'postgres'
      ? new Journal(new PgJournalStore(url, busino, 'sandbox'), 'sandbox')
      : journalOf(t);

  it('refund, journal, pending, resolve, dismiss and recon check --journal', async () => {
    const o1 = await paidOrder(t, 500);
    const sent = await imp(['--yes', '--json', 'refund', o1, '--amount', '0.05']);
    expect(sent.code, sent.stderr).toBe(0);
    const refundno = JSON.parse(sent.stdout).refund.refundno as string;
    expect(sandboxRefunds(t, o1)).toHaveLength(1);

    const listed = (await json(['journal'])).doc.entries as { orderno: string; txn: string }[];
    expect(listed.filter((e) => e.txn === 'refund').map((e) => e.orderno)).toEqual([o1]);

    // a process killed right after its begin line: nothing reached the platform
    const o2 = await paidOrder(t, 300);
    const j = journal();
    await j.begin({ txn: 'refund', orderno: o2, refundno: `K${o2.slice(-20)}`, amount: 100, busino });
    await j.close();
    const pending = (await json(['journal', 'pending'])).doc.entries as { orderno: string }[];
    expect(pending.map((e) => e.orderno)).toContain(o2);
    const resolved = await imp(['journal', 'resolve']);
    expect(resolved.code, resolved.stderr).toBe(0);
    expect((await json(['journal', 'pending'])).doc.count).toBe(0);
    // the killed refund's re-run sends it (it failed for certain), once
    const again = await imp(['--yes', 'refund', o2, '--amount', '1.00']);
    expect(again.code, again.stderr).toBe(0);
    expect(sandboxRefunds(t, o2)).toHaveLength(1);

    // an unreadable line: warned of with its number, then dismissed by that number
    if (backend === 'postgres') {
      const s = new PgJournalStore(url, busino, 'sandbox');
      await s.append('{"type":"begin","id":"torn');
      await s.close();
    } else {
      await appendFile(journalOf(t).file, '{"type":"begin","id":"torn\n');
    }
    const warned = await json(['journal']);
    const n = /journal dismiss (\d+)/.exec(warned.stderr)?.[1];
    expect(n, warned.stderr).toBeDefined();
    const dismissed = await imp(['--yes', 'journal', 'dismiss', n as string]);
    expect(dismissed.code, dismissed.stderr).toBe(0);
    expect((await json(['journal'])).stderr).toBe('');

    // the cron job's check against the bank's file
    const at = (await journal().find({ refundno }))[0]?.at as string;
    const { date, time } = cstParts(new Date(at));
    const bank = join(t.root, `DZ_${busino}_${date}.csv`);
    await writeFile(bank, `1,-0.05,-0.05\r\n${bankRefund(o1, refundno, 5, `${date}${time}`)}\r\n`);
    const recon = await json(['recon', 'check', bank, '--journal']);
    expect(recon.doc.summary.classes.matched.count).toBe(1);
    expect(recon.doc.summary.classes.platform_missing.count).toBe(0);
    if (backend === 'postgres') expect(existsSync(join(t.root, 'journal'))).toBe(false);
  }, 120_000);

  it('a refund batch run again with rows moved and added refunds each row once (batch resume)', async () => {
    const [a, b, c] = [await paidOrder(t, 100), await paidOrder(t, 100), await paidOrder(t, 100)];
    const first = join(t.root, `batch-${backend}-1.csv`);
    await writeFile(first, `orderno,amount_fen\n${a},40\n${b},40\n`);
    const r1 = await imp(['--yes', 'refund', '--batch', first]);
    expect(r1.code, r1.stderr).toBe(0);
    const second = join(t.root, `batch-${backend}-2.csv`);
    await writeFile(second, `orderno,amount_fen\n${c},40\n${b},40\n${a},40\n`);
    const r2 = await imp(['--yes', 'refund', '--batch', second]);
    expect(r2.code, r2.stderr).toBe(0);
    for (const o of [a, b, c]) expect(sandboxRefunds(t, o), o).toHaveLength(1);
    // many rows at once: each holds its order's lock while it plans (the database's connections
    // are shared by the rows; none waits for ever)
    const many = await Promise.all(Array.from({ length: 12 }, () => paidOrder(t, 100)));
    const wide = join(t.root, `batch-${backend}-3.csv`);
    await writeFile(wide, `orderno,amount_fen\n${many.map((o) => `${o},30`).join('\n')}\n`);
    const r3 = await imp(['--yes', 'refund', '--batch', wide, '--concurrency', '16']);
    expect(r3.code, r3.stderr).toBe(0);
    for (const o of many) expect(sandboxRefunds(t, o), o).toHaveLength(1);
    // again: every row's refund is still open in the journal, so each row queries it and records
    // the answer while holding its order's lock
    const r4 = await imp(['--yes', 'refund', '--batch', wide, '--concurrency', '16']);
    expect(r4.code, r4.stderr).toBe(0);
    for (const o of many) expect(sandboxRefunds(t, o), o).toHaveLength(1);
    const entries = await journal().find({ txn: 'refund' });
    expect(entries.filter((e) => [a, b, c].includes(e.orderno as string))).toHaveLength(3);
    if (backend === 'postgres') expect(existsSync(join(t.root, 'journal'))).toBe(false);
  }, 120_000);
});

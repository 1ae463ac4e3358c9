import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantOperator } from '../helpers/journal-db.js';
import { type PgServer, requirePostgres, startPostgres } from '../helpers/postgres.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

// Recon history in PostgreSQL: each day's check kept, carry between days, differences settled.

const pgBin = requirePostgres();
const SETTLED: Record<string, string> = { '1.00': '0.99', '2.00': '1.99' };
const detail = (orderno: string, yuan: string, time: string) =>
  `T${orderno},S${orderno},${orderno},${time},0,,${yuan},${SETTLED[yuan]},,,,,0.01,,订单,00081,`;

describe.skipIf(!pgBin)('recon history, differences and settle (recon.store)', () => {
  let server: PgServer;
  let t: TestSandbox;
  let opUrl: string;
  let ownerUrl: string;
  const files: Record<string, string> = {};
  beforeAll(async () => {
    server = await startPostgres(pgBin!);
    ownerUrl = await server.createDatabase('recon', { user: 'recon_owner', password: 'ro-pw-1' });
    t = await startTestSandbox({ profile: { recon: { dir: './recon', store: 'env:IMP_RECON_STORE' } } });
    const put = async (name: string, text: string) => {
      files[name] = join(t.root, name);
      await writeFile(files[name]!, text);
    };
    // day 1: E1 matched, E2 paid at 23:59:30 (the ledger has it the next day), E3 one yuan long
    await put(
      'DZ_9_20261124.csv',
      `3,5.00,4.97\r\n${detail('E1', '1.00', '20261124101010')}\r\n${detail('E2', '2.00', '20261124235930')}\r\n${detail('E3', '2.00', '20261124120000')}\r\n`,
    );
    await put(
      'ledger1.csv',
      'type,orderno,amount,status,time\npay,E1,100,success,20261124101010\npay,E3,300,success,20261124120000\n',
    );
    // day 2: E4, and the ledger's E2 (written after midnight)
    await put('DZ_9_20261125.csv', `1,1.00,0.99\r\n${detail('E4', '1.00', '20261125100000')}\r\n`);
    await put(
      'ledger2.csv',
      'type,orderno,amount,status,time\npay,E2,200,success,20261124235930\npay,E4,100,success,20261125100000\n',
    );
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await server?.stop();
  }, 60_000);
  const imp = (args: string[], url = opUrl) => t.runCli(args, { env: { IMP_RECON_STORE: url } });
  const json = async (args: string[], url?: string) => {
    const r = await imp(['--json', ...args], url);
    return { ...r, doc: r.stdout ? JSON.parse(r.stdout) : undefined };
  };

  it('the owner migrates; operators with INSERT and SELECT only keep each day, carried orders in the database', async () => {
    const m = await imp(['journal', 'migrate'], ownerUrl);
    expect(m.code).toBe(0);
    opUrl = await grantOperator(server, 'recon', { user: 'recon_op', password: 'rop-Secret-3' });

    const day1 = await json([
      'recon',
      'check',
      files['DZ_9_20261124.csv']!,
      '--ledger',
      files['ledger1.csv']!,
    ]);
    expect(day1.stderr).toBe('');
    expect(day1.code).toBe(5);
    expect(day1.doc.summary.classes.long.count).toBe(1);
    expect(day1.doc.summary.carry).toMatchObject({ carriedIn: 0, carriedOut: 1 });
    expect(day1.doc.summary.carry.file).toContain('recon_op:****@');

    // no --carry: yesterday's E2 comes from the database and meets today's ledger line
    const day2 = await json([
      'recon',
      'check',
      files['DZ_9_20261125.csv']!,
      '--ledger',
      files['ledger2.csv']!,
    ]);
    expect(day2.code).toBe(0);
    expect(day2.doc.summary.carry).toMatchObject({ from: '20261124', carriedIn: 1 });
    expect(day2.doc.summary.classes.matched.count).toBe(2);
  });

  it('history lists the days and their state; differences --open the ones not handled', async () => {
    const h = await json(['recon', 'history', '--from', '20261101']);
    expect(
      h.doc.days.map((d: { day: string; clean: boolean; open: number }) => [d.day, d.clean, d.open]),
    ).toEqual([
      ['20261124', false, 1],
      ['20261125', true, 0],
    ]);
    const text = await imp(['recon', 'history']);
    expect(text.stdout).toContain('1 differences, 1 open');
    expect(text.stdout).toContain('clean');
    const only = await json(['recon', 'history', '--from', '20261125', '--to', '20261125']);
    expect(only.doc.days).toHaveLength(1);

    const open = await json(['recon', 'differences', '--open']);
    expect(open.doc.differences).toHaveLength(1);
    expect(open.doc.differences[0]).toMatchObject({
      day: '20261124',
      class: 'long',
      orderno: 'E3',
      settlement: null,
    });
  });

  it('settle appends who, when and the note; a second settle is refused; a re-run keeps it settled', async () => {
    const [d] = (await json(['recon', 'differences', '--open'])).doc.differences;
    const s = await json(['recon', 'settle', String(d.id), '--note', 'ledger corrected to 2.00 (ticket 77)']);
    expect(s.code).toBe(0);
    expect(s.doc.difference.settlement).toMatchObject({
      note: 'ledger corrected to 2.00 (ticket 77)',
      by: 'recon_op',
    });
    expect(s.doc.difference.settlement.osUser).toBeTruthy();

    const again = await imp(['recon', 'settle', String(d.id), '--note', 'twice']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`imp recon settle ${d.id}: already settled by`);
    expect(again.stderr).toContain('ledger corrected to 2.00 (ticket 77)');

    expect((await json(['recon', 'differences', '--open'])).doc.differences).toEqual([]);
    // cron checks day 1 again: a new run, the same difference, still settled
    await imp(['recon', 'check', files['DZ_9_20261124.csv']!, '--ledger', files['ledger1.csv']!]);
    const all = await json(['recon', 'differences']);
    expect(all.doc.differences).toHaveLength(1);
    expect(all.doc.differences[0].settlement.note).toBe('ledger corrected to 2.00 (ticket 77)');
    const h = await json(['recon', 'history', '--from', '20261124', '--to', '20261124']);
    expect(h.doc.days[0]).toMatchObject({ runs: 2, open: 0 });

    const unknown = await imp(['recon', 'settle', '999999', '--note', 'x']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no such difference');
    const noNote = await imp(['recon', 'settle', String(d.id), '--note', ' ']);
    expect(noNote.stderr).toContain('--note "…" is required');
  });

  it('a history database that is down: exit 7 before the check, password masked', async () => {
    const { freePort } = await import('../helpers/db-server.js');
    const down = `postgres://recon_op:Down-Secret-5@127.0.0.1:${await freePort()}/recon`;
    const r = await imp(
      ['recon', 'check', files['DZ_9_20261125.csv']!, '--ledger', files['ledger2.csv']!],
      down,
    );
    expect(r.code).toBe(7);
    expect(r.stderr).toMatch(
      /^error: recon\.store postgres:\/\/recon_op:\*\*\*\*@127\.0\.0\.1:\d+\/recon: .*ECONNREFUSED/,
    );
    expect(r.stderr).not.toContain('Down-Secret-5');
    expect(r.stdout).toBe('');
  });

  it('settlements cannot be changed, even by the owner', async () => {
    await expect(server.sql("UPDATE imp.recon_settlement SET note = 'x'", 'recon')).rejects.toThrow(
      /append-only/,
    );
    await expect(server.sql('DELETE FROM imp.recon_difference', 'recon')).rejects.toThrow(/append-only/);
  });

  it('without a database: history says what to set, check works from files as before', async () => {
    const r = await t.runCli(['recon', 'history'], { env: { IMP_RECON_STORE: '' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('profile sandbox has no recon.store or journal.url');
    const c = await t.runCli(
      ['--json', 'recon', 'check', files['DZ_9_20261125.csv']!, '--ledger', files['ledger2.csv']!],
      {
        env: { IMP_RECON_STORE: '' },
      },
    );
    expect(c.stderr).toBe('');
    expect(c.code).toBe(0);
    // as today: no carry without --carry, so yesterday's E2 waits as pending
    const doc = JSON.parse(c.stdout);
    expect(doc.summary.carry).toBeUndefined();
    expect(doc.summary.classes.pending_cross_day.count).toBe(1);
  });
});

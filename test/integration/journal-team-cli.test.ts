import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/db-server.js';
import { grantOperator } from '../helpers/journal-db.js';
import { type PgServer, requirePostgres, startPostgres } from '../helpers/postgres.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

// imp journal migrate / import / export through the built CLI, journal.url from env:.

const pgBin = requirePostgres();
const OWNER = { user: 'team_owner', password: 'Own3r-Secret!' };
const OPERATOR = { user: 'team_op', password: 'Op-Secret-42' };

describe.skipIf(!pgBin)('imp journal migrate, import, export (shared PostgreSQL journal)', () => {
  let server: PgServer;
  let t: TestSandbox;
  let ownerUrl: string;
  let opUrl: string;
  beforeAll(async () => {
    server = await startPostgres(pgBin!);
    ownerUrl = await server.createDatabase('team', OWNER);
    t = await startTestSandbox({ profile: { journal: { url: 'env:IMP_TEAM_JOURNAL' } } });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await server?.stop();
  }, 60_000);
  const imp = (args: string[], url: string) => t.runCli(args, { env: { IMP_TEAM_JOURNAL: url } });

  it('migrate creates the schema once (versioned), then says it is up to date', async () => {
    const first = await imp(['--json', 'journal', 'migrate'], ownerUrl);
    expect(first.stderr).toBe('');
    expect(JSON.parse(first.stdout)).toMatchObject({ ok: true, version: 2, applied: [1, 2] });
    const again = await imp(['journal', 'migrate'], ownerUrl);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('is up to date (version 2)');
    expect(again.stdout).toContain(`team_owner:****@127.0.0.1:${server.port}/team`);
    expect(again.stdout).not.toContain(OWNER.password);
    opUrl = await grantOperator(server, 'team', OPERATOR);
  });

  it('import copies a local journal in once; export gives the same bytes back', async () => {
    const file = join(t.root, 'old.jsonl');
    const lines = [
      '{"type":"begin","id":"a1","txn":"refund","profile":"sandbox","at":"2026-11-24T02:00:00.000Z","orderno":"O1","refundno":"R1","amount":100}',
      '{"type":"finish","id":"a1","state":"success","at":"2026-11-24T02:00:01.000Z","respmsg":"退款成功"}',
      '{"type":"begin","id":"a2","txn":"refund","profile":"sandbox","at":"2026-11-24T03:00:00.000Z","orderno":"O2","refundno":"R2","amount":5}',
    ];
    await writeFile(file, `${lines.join('\n')}\n`);
    const first = await imp(['--json', 'journal', 'import', file], opUrl);
    expect(first.stderr).toBe('');
    expect(JSON.parse(first.stdout)).toMatchObject({ added: 3, skipped: 0 });
    const again = await imp(['journal', 'import', file], opUrl);
    expect(again.stdout).toContain('imported 0 lines into');
    expect(again.stdout).toContain('(3 already there, skipped)');

    const out = join(t.root, 'export.jsonl');
    const exp = await imp(['journal', 'export', '--out', out], opUrl);
    expect(exp.code).toBe(0);
    expect(await readFile(out, 'utf8')).toBe(await readFile(file, 'utf8'));
    const stdout = await imp(['journal', 'export'], opUrl);
    expect(stdout.stdout).toBe(await readFile(file, 'utf8'));
  });

  it('the operator role cannot migrate an outdated schema, and is told the exact command', async () => {
    await server.createDatabase('team_new', { user: 'new_owner', password: 'no-pw' });
    await server.sql(
      `CREATE ROLE late_op LOGIN PASSWORD 'late-pw'; GRANT CONNECT ON DATABASE team_new TO late_op`,
    );
    await server.sql('REVOKE CREATE ON SCHEMA public FROM PUBLIC', 'team_new');
    const r = await imp(
      ['journal', 'export'],
      `postgres://late_op:late-pw@127.0.0.1:${server.port}/team_new`,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('imp schema is at version 0, this imp needs 2');
    expect(r.stderr).toContain(
      `ask the database owner to run: imp -c ${t.configPath} -p sandbox journal migrate`,
    );
  });

  it('a database that is down: exit 7, nothing else tried, the password masked', async () => {
    const down = `postgres://team_op:${OPERATOR.password}@127.0.0.1:${await freePort()}/team`;
    const r = await imp(['journal', 'migrate'], down);
    expect(r.code).toBe(7);
    expect(r.stderr).toMatch(
      /journal\.url postgres:\/\/team_op:\*\*\*\*@127\.0\.0\.1:\d+\/team: .*ECONNREFUSED/,
    );
    expect(r.stderr).not.toContain(OPERATOR.password);
  });

  it('a refund, query or journal command with the database down: exit 7, nothing sent, no local journal', async () => {
    const down = `postgres://team_op:${OPERATOR.password}@127.0.0.1:${await freePort()}/team`;
    for (const args of [
      ['journal', 'pending'],
      ['--yes', 'refund', 'O-NOT-SENT', '--amount', '0.01'],
      ['query', 'O-NOT-SENT'],
    ]) {
      const r = await imp(args, down);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(7);
      expect(r.stderr).toMatch(/journal\.url postgres:\/\/team_op:\*\*\*\*@127\.0\.0\.1:\d+\/team: /);
      expect(r.stderr).not.toContain(OPERATOR.password);
    }
    // never a silent fallback to the local file
    expect(existsSync(join(t.root, 'journal'))).toBe(false);
    // the platform never heard of the order: no request left
    expect(t.sandbox.order('O-NOT-SENT')).toBeUndefined();
  });

  it('config show masks journal.url; import without journal.url says what is missing', async () => {
    const show = await imp(['--json', 'config', 'show'], opUrl);
    expect(show.stdout).toContain('team_op:****@');
    expect(show.stdout).not.toContain(OPERATOR.password);
    const noUrl = await t.runCli(['journal', 'import', t.configPath], {
      env: { IMP_TEAM_JOURNAL: '' },
    });
    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr).toContain('profile sandbox has no journal.url');
  });
});

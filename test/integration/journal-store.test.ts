import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImpError } from '../../src/core/errors.js';
import { FileJournalStore } from '../../src/journal/file-store.js';
import { migrate, SCHEMA_VERSION } from '../../src/journal/migrate.js';
import { connectPg } from '../../src/journal/pg-connect.js';
import { PgJournalStore } from '../../src/journal/pg-store.js';
import type { JournalStore } from '../../src/journal/store.js';
import { grantOperator } from '../helpers/journal-db.js';
import { type PgServer, requirePostgres, startPostgres } from '../helpers/postgres.js';

// One contract, run once per backend: the local JSONL file and the shared PostgreSQL journal.

const BUSINO = '812345678901234';
const begin = (orderno: string, n: number) =>
  JSON.stringify({
    type: 'begin',
    id: `id-${orderno}-${n}`,
    txn: 'refund',
    profile: 'p',
    at: new Date().toISOString(),
    orderno,
    refundno: `R${n}`,
    amount: 1,
  });
const collect = async (it: AsyncIterable<string>) => {
  const out: string[] = [];
  for await (const l of it) out.push(l);
  return out;
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'imp-journal-store-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

const pgBin = requirePostgres();
let server: PgServer | undefined;
let ownerUrl = '';
let operatorUrl = '';
let dbCount = 0;
/** A fresh database per backend instance, migrated by its owner, used by the operator role. */
async function freshPgUrl(): Promise<string> {
  const db = `j${++dbCount}`;
  ownerUrl = await server!.createDatabase(db, { user: `own${dbCount}`, password: 'owner-pw' });
  const c = await connectPg(ownerUrl, 'journal.url');
  await migrate(c);
  await c.end();
  operatorUrl = await grantOperator(server!, db, { user: `op${dbCount}`, password: 'op-Secret-pw' });
  return operatorUrl;
}

if (pgBin) {
  beforeAll(async () => {
    server = await startPostgres(pgBin);
  }, 120_000);
  afterAll(async () => server?.stop(), 60_000);
}

const backends: { name: string; skip: boolean; make: () => Promise<() => JournalStore> }[] = [
  {
    name: 'file',
    skip: false,
    make: async () => {
      const file = join(dir, `${++dbCount}.jsonl`);
      return () => new FileJournalStore(file);
    },
  },
  {
    name: 'PostgreSQL',
    skip: !pgBin,
    make: async () => {
      const url = await freshPgUrl();
      return () => new PgJournalStore(url, BUSINO, 'p');
    },
  },
];

for (const backend of backends) {
  describe.skipIf(backend.skip)(`journal store contract: ${backend.name}`, () => {
    let open: () => JournalStore;
    const stores: JournalStore[] = [];
    const store = () => {
      const s = open();
      stores.push(s);
      return s;
    };
    beforeAll(async () => {
      open = await backend.make();
    });
    afterAll(async () => {
      for (const s of stores) await s.close();
    });

    it('keeps every line byte for byte, in write order, across instances ("machines")', async () => {
      const a = store();
      const b = store();
      const lines = [
        begin('O1', 1),
        '{"type":"finish","id":"id-O1-1","state":"success","respmsg":"成功 \\u0000 ok"}',
        begin('O2', 2),
      ];
      await a.append(lines[0]!);
      await b.append(lines[1]!);
      await a.append(lines[2]!, { durable: false });
      expect(await collect(b.lines())).toEqual(lines);
      expect(await collect(store().lines())).toEqual(lines);
    });

    it('lets one of 20 racing writers begin a refund of the same order, never two', async () => {
      const racers = Array.from({ length: 20 }, () => store());
      const results = await Promise.allSettled(
        racers.map((s, n) =>
          s.withOrderLock(BUSINO, 'RACE', async (tx) => {
            const seen = await collect(tx.lines());
            if (seen.some((l) => l.includes('"orderno":"RACE"'))) return 'refused: already begun';
            // widen the window between the check and the write
            await new Promise((r) => setTimeout(r, 5));
            await tx.append(begin('RACE', n));
            return 'began';
          }),
        ),
      );
      const began = results.filter((r) => r.status === 'fulfilled' && r.value === 'began');
      expect(began).toHaveLength(1);
      const all = await collect(store().lines());
      expect(all.filter((l) => l.includes('"orderno":"RACE"'))).toHaveLength(1);
      if (backend.name === 'PostgreSQL') {
        // the database makes the others wait their turn rather than fail
        expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
      }
    });
  });
}

describe.skipIf(!pgBin)('PostgreSQL journal: locks, schema, failures', () => {
  it('different orders do not wait for each other; a failed step keeps nothing', async () => {
    const url = await freshPgUrl();
    const a = new PgJournalStore(url, BUSINO, 'p');
    const b = new PgJournalStore(url, BUSINO, 'p');
    try {
      let release!: () => void;
      const held = new Promise<void>((r) => {
        release = r;
      });
      let locked!: () => void;
      const aLocked = new Promise<void>((r) => {
        locked = r;
      });
      let aDone = false;
      const first = a.withOrderLock(BUSINO, 'A', async (tx) => {
        await tx.append(begin('A', 1));
        locked();
        await held;
        aDone = true;
      });
      await aLocked;
      // B completes while A still holds its lock
      await b.withOrderLock(BUSINO, 'B', (tx) => tx.append(begin('B', 1)));
      expect(aDone).toBe(false);
      // and the same order does wait: C on order A finishes only after A
      const order: string[] = [];
      const second = b.withOrderLock(BUSINO, 'A', async () => {
        order.push('second');
      });
      await new Promise((r) => setTimeout(r, 200));
      order.push('release');
      release();
      await Promise.all([first, second]);
      expect(order).toEqual(['release', 'second']);
      await expect(
        a.withOrderLock(BUSINO, 'X', async (tx) => {
          await tx.append(begin('X', 1));
          throw new Error('over-refund');
        }),
      ).rejects.toThrow('over-refund');
      const lines = await collect(a.lines());
      expect(lines.some((l) => l.includes('"orderno":"X"'))).toBe(false);
      expect(lines.filter((l) => l.includes('"orderno":"A"'))).toHaveLength(1);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('rows are append-only: the operator may not UPDATE or DELETE, the owner is stopped by a trigger', async () => {
    const url = await freshPgUrl();
    const s = new PgJournalStore(url, BUSINO, 'p');
    await s.append(begin('U', 1));
    await s.close();
    const op = await connectPg(url, 'journal.url');
    await expect(op.query("UPDATE imp.journal SET line = '{}'")).rejects.toThrow(/permission denied/);
    await expect(op.query('DELETE FROM imp.journal')).rejects.toThrow(/permission denied/);
    await op.end();
    const owner = await connectPg(ownerUrl, 'journal.url');
    await expect(owner.query("UPDATE imp.journal SET line = '{}'")).rejects.toThrow(/append-only/);
    await expect(owner.query('DELETE FROM imp.journal')).rejects.toThrow(/append-only/);
    await expect(owner.query('TRUNCATE imp.journal')).rejects.toThrow(/append-only/);
    await owner.end();
  });

  it('migrate is versioned and idempotent; an operator role cannot create the schema and is told who can', async () => {
    const url = await server!.createDatabase('fresh', { user: 'fresh_owner', password: 'fo-pw' });
    const c = await connectPg(url, 'journal.url');
    expect(await migrate(c)).toEqual({ applied: [1, 2], version: SCHEMA_VERSION });
    expect(await migrate(c)).toEqual({ applied: [], version: SCHEMA_VERSION });
    const v = await c.query('SELECT version, name, applied_by FROM imp.schema_version ORDER BY version');
    expect(v.rows).toEqual([
      { version: 1, name: 'journal', applied_by: 'fresh_owner' },
      { version: 2, name: 'recon history', applied_by: 'fresh_owner' },
    ]);
    await c.end();
    // a database where nobody migrated yet, used by a role that may not create
    await server!.createDatabase('empty');
    await server!.sql(
      "CREATE ROLE lowly LOGIN PASSWORD 'lowly-pw'; GRANT CONNECT ON DATABASE empty TO lowly",
    );
    await server!.sql('REVOKE CREATE ON SCHEMA public FROM PUBLIC', 'empty');
    const low = new PgJournalStore(
      `postgres://lowly:lowly-pw@127.0.0.1:${server!.port}/empty`,
      BUSINO,
      'p',
      'imp -c team.json journal migrate',
    );
    const err = await low.append(begin('L', 1)).catch((e) => e);
    await low.close();
    expect(err).toBeInstanceOf(ImpError);
    expect(err.message).toContain('imp schema is at version 0, this imp needs 2');
    expect(err.hints).toEqual(['ask the database owner to run: imp -c team.json journal migrate']);
  });

  it('imports a JSONL journal idempotently, keeping each line byte for byte', async () => {
    const url = await freshPgUrl();
    const s = new PgJournalStore(url, BUSINO, 'p');
    const file = join(dir, 'import.jsonl');
    const lines = [
      begin('I1', 1),
      '{"type":"finish","id":"id-I1-1","state":"unknown"}',
      '{"type":"beg',
      begin('I2', 2),
    ];
    const fs = new FileJournalStore(file);
    for (const l of lines) await fs.append(l);
    await fs.close();
    expect(await s.importLines(new FileJournalStore(file).lines())).toEqual({ added: 4, skipped: 0 });
    expect(await s.importLines(new FileJournalStore(file).lines())).toEqual({ added: 0, skipped: 4 });
    expect(await collect(s.lines())).toEqual(lines);
    expect((await readFile(file, 'utf8')).split('\n').filter(Boolean)).toEqual(lines);
    await s.close();
  });

  it('database down before a refund: exit 7, the locked step never runs', async () => {
    const url = `postgres://op:Very-Secret-9@127.0.0.1:${await closedPort()}/x`;
    const s = new PgJournalStore(url, BUSINO, 'p');
    let ran = false;
    const err = await s
      .withOrderLock(BUSINO, 'D', async () => {
        ran = true;
      })
      .catch((e) => e);
    await s.close();
    expect(ran).toBe(false);
    expect(err).toBeInstanceOf(ImpError);
    expect(err.exitCode).toBe(7);
    expect(err.message).toMatch(/^journal\.url postgres:\/\/op:\*\*\*\*@127\.0\.0\.1:\d+\/x: .*ECONNREFUSED/);
    expect(err.message).not.toContain('Very-Secret-9');
  });
});

async function closedPort(): Promise<number> {
  const { freePort } = await import('../helpers/db-server.js');
  return freePort();
}

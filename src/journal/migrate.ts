import type { Client } from 'pg';
import { ImpError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';

/**
 * imp's schema in a shared PostgreSQL (team mode), versioned. Each migration runs once, in
 * order, inside one transaction that holds an advisory lock, so two machines starting at
 * once do not both create tables; running `imp journal migrate` again changes nothing.
 * Every table is append-only: operators' roles get INSERT and SELECT only, and a trigger
 * refuses UPDATE, DELETE and TRUNCATE even to the owner.
 */
interface Migration {
  version: number;
  name: string;
  sql: string;
}

const APPEND_ONLY = (table: string) => `
CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON imp.${table}
  FOR EACH ROW EXECUTE FUNCTION imp.refuse_change();
CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON imp.${table}
  FOR EACH STATEMENT EXECUTE FUNCTION imp.refuse_change();`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'journal',
    sql: `
CREATE FUNCTION imp.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'imp.% is append-only: write a new row instead', TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END $$;
-- one row per journal line, its text kept byte for byte (line checksums survive export)
CREATE TABLE imp.journal (
  seq        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  busino     text NOT NULL,
  profile    text NOT NULL,
  kind       text NOT NULL,
  entry_id   text,
  orderno    text,
  refundno   text,
  line       text NOT NULL,
  sha256     text NOT NULL UNIQUE,
  written_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  written_by text NOT NULL DEFAULT current_user,
  host       text
);
CREATE INDEX journal_order ON imp.journal (busino, orderno);
CREATE INDEX journal_busino_seq ON imp.journal (busino, seq);
${APPEND_ONLY('journal')}`,
  },
  {
    version: 2,
    name: 'recon history',
    sql: `
CREATE TABLE imp.recon_run (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  busino      text NOT NULL,
  day         text NOT NULL,
  file        text NOT NULL,
  intraday    boolean NOT NULL,
  clean       boolean NOT NULL,
  differences integer NOT NULL,
  pending     integer NOT NULL,
  problems    integer NOT NULL,
  summary     jsonb NOT NULL,
  checked_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
  checked_by  text NOT NULL DEFAULT current_user,
  os_user     text,
  host        text
);
CREATE INDEX recon_run_day ON imp.recon_run (busino, day, id);
CREATE TABLE imp.recon_difference (
  id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  run_id   bigint NOT NULL REFERENCES imp.recon_run (id),
  busino   text NOT NULL,
  day      text NOT NULL,
  key      text NOT NULL,
  class    text NOT NULL,
  type     text NOT NULL,
  orderno  text NOT NULL,
  refundno text NOT NULL,
  detail   jsonb NOT NULL
);
CREATE INDEX recon_difference_run ON imp.recon_difference (run_id);
CREATE TABLE imp.recon_settlement (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  difference_id bigint NOT NULL REFERENCES imp.recon_difference (id),
  busino        text NOT NULL,
  day           text NOT NULL,
  key           text NOT NULL,
  note          text NOT NULL,
  settled_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
  settled_by    text NOT NULL DEFAULT current_user,
  os_user       text,
  host          text
);
CREATE INDEX recon_settlement_key ON imp.recon_settlement (busino, day, key);
-- the orders one day leaves for the next (replaces the --carry file)
CREATE TABLE imp.recon_carry (
  id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  run_id   bigint NOT NULL REFERENCES imp.recon_run (id),
  busino   text NOT NULL,
  day      text NOT NULL,
  items    jsonb NOT NULL
);
CREATE INDEX recon_carry_day ON imp.recon_carry (busino, day, id);
${['recon_run', 'recon_difference', 'recon_settlement', 'recon_carry'].map(APPEND_ONLY).join('\n')}`,
  },
];

export const SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;

/** A fixed key for pg_advisory_xact_lock: "imp schema" (only imp's migrations take it). */
const MIGRATE_LOCK = 0x696d_7073;

/** The schema version the database is at (0: imp never ran there). */
export async function schemaVersion(client: Client): Promise<number> {
  // two statements: a query naming a missing table fails when parsed, whatever CASE says
  const exists = await client.query<{ t: string | null }>("SELECT to_regclass('imp.schema_version') AS t");
  if (!exists.rows[0]?.t) return 0;
  const r = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM imp.schema_version');
  return Number(r.rows[0]?.v ?? 0);
}

/** Apply the migrations the database lacks; returns the versions applied now (none: up to date). */
export async function migrate(client: Client): Promise<{ applied: number[]; version: number }> {
  // up to date: nothing to create, so a role with INSERT and SELECT only may run this too
  const before = await schemaVersion(client);
  if (before >= SCHEMA_VERSION) return { applied: [], version: before };
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATE_LOCK]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS imp;
      CREATE TABLE IF NOT EXISTS imp.schema_version (
        version    integer PRIMARY KEY,
        name       text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        applied_by text NOT NULL DEFAULT current_user
      )`);
    const current = await schemaVersion(client);
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (m.version <= current) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO imp.schema_version (version, name) VALUES ($1, $2)', [
        m.version,
        m.name,
      ]);
      applied.push(m.version);
    }
    await client.query('COMMIT');
    return { applied, version: Math.max(current, SCHEMA_VERSION) };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/**
 * Before first use: migrate when the schema is behind and this role may (the "run
 * automatically on first use if the role may"); a role without the right gets one line
 * saying who must run `imp journal migrate`.
 */
export async function ensureSchema(client: Client, hint: string): Promise<void> {
  const version = await schemaVersion(client);
  if (version >= SCHEMA_VERSION) return;
  try {
    await migrate(client);
  } catch (err) {
    if ((err as { code?: string }).code === '42501') {
      throw new ImpError(
        `the database's imp schema is at version ${version}, this imp needs ${SCHEMA_VERSION}, and this role may not create it`,
        ExitCode.usage,
        { code: 'DB_SCHEMA', hints: [`ask the database owner to run: ${hint}`] },
      );
    }
    throw err;
  }
}

import { readFile } from 'node:fs/promises';
import type { DbDialect } from '../core/db-url.js';
import { UsageError } from '../core/errors.js';

/** The placeholders a `--ledger-sql` query may use; each is bound as a parameter, never spliced in. */
export const LEDGER_SQL_PLACEHOLDERS = ['date', 'from', 'to'] as const;
export type LedgerSqlPlaceholder = (typeof LEDGER_SQL_PLACEHOLDERS)[number];

/**
 * The values of the placeholders for a bank day: `{date}` the day (`YYYY-MM-DD`, which both
 * PostgreSQL and MySQL read as a DATE), `{from}` and `{to}` the half-open range of local times
 * (Asia/Shanghai, `YYYY-MM-DD HH:MM:SS`) from the day's midnight minus `--window` to the next
 * midnight plus it, so orders on either side of midnight reach the cross-day check.
 */
export function dayBounds(date: string, windowSeconds: number): Record<LedgerSqlPlaceholder, string> {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(4, 6)) - 1;
  const d = Number(date.slice(6, 8));
  // wall-clock arithmetic in a UTC Date: Asia/Shanghai has no daylight saving
  const start = Date.UTC(y, m, d) - windowSeconds * 1000;
  const end = Date.UTC(y, m, d + 1) + windowSeconds * 1000;
  const fmt = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
  return {
    date: `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`,
    from: fmt(start),
    to: fmt(end),
  };
}

/** `--ledger-sql`: the query itself, or `@file.sql` to read it from a file. */
export async function readLedgerSql(arg: string): Promise<{ text: string; source: string }> {
  if (!arg.startsWith('@')) return { text: arg, source: '--ledger-sql' };
  const file = arg.slice(1);
  try {
    return { text: await readFile(file, 'utf8'), source: file };
  } catch (err) {
    throw new UsageError(
      `--ledger-sql ${arg}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
}

/** A query with its placeholders replaced by the engine's parameter markers, and the values in order. */
export interface BoundSql {
  text: string;
  params: string[];
  used: LedgerSqlPlaceholder[];
}

/**
 * Replace `{date}`, `{from}`, `{to}` by parameter markers (`$1`… for PostgreSQL, `?` for
 * MySQL). Text inside quotes ('…', "…", `…`) and comments is left alone, so a literal that
 * happens to contain `{date}` stays a literal; any other `{name}` is refused.
 */
export function bindLedgerSql(
  sql: string,
  dialect: DbDialect,
  values: Partial<Record<LedgerSqlPlaceholder, string>>,
  source = '--ledger-sql',
): BoundSql {
  const params: string[] = [];
  const used: LedgerSqlPlaceholder[] = [];
  const index = new Map<string, number>();
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i]!;
    const skip = skipLiteral(sql, i, dialect);
    if (skip > i) {
      out += sql.slice(i, skip);
      i = skip;
      continue;
    }
    if (ch === '{') {
      const m = /^\{([A-Za-z_]+)\}/.exec(sql.slice(i));
      if (m) {
        const name = m[1]!;
        if (!(LEDGER_SQL_PLACEHOLDERS as readonly string[]).includes(name)) {
          throw new UsageError(`${source}: unknown placeholder {${name}} (known: {date}, {from}, {to})`);
        }
        const value = values[name as LedgerSqlPlaceholder];
        if (value === undefined) {
          throw new UsageError(
            `${source}: {${name}} needs the bank day (name the file DZ_<busino>_<yyyyMMdd>.csv)`,
          );
        }
        if (!used.includes(name as LedgerSqlPlaceholder)) used.push(name as LedgerSqlPlaceholder);
        if (dialect === 'postgres') {
          let n = index.get(name);
          if (n === undefined) {
            params.push(value);
            n = params.length;
            index.set(name, n);
          }
          out += `$${n}`;
        } else {
          params.push(value);
          out += '?';
        }
        i += m[0].length;
        continue;
      }
    }
    out += ch;
    i++;
  }
  return { text: out, params, used };
}

/** The end of a quoted literal or comment starting at `i`, or `i` when none starts there. */
function skipLiteral(sql: string, i: number, dialect: DbDialect): number {
  const ch = sql[i];
  if (ch === "'" || ch === '"' || ch === '`') {
    let j = i + 1;
    while (j < sql.length) {
      // MySQL strings take backslash escapes; PostgreSQL's standard strings do not
      if (sql[j] === '\\' && dialect === 'mysql' && ch !== '`') j += 2;
      else if (sql[j] === ch) {
        // a doubled quote is an escaped quote
        if (sql[j + 1] === ch) j += 2;
        else return j + 1;
      } else j++;
    }
    return sql.length;
  }
  if (ch === '-' && sql[i + 1] === '-') {
    const nl = sql.indexOf('\n', i);
    return nl < 0 ? sql.length : nl;
  }
  if (ch === '/' && sql[i + 1] === '*') {
    const end = sql.indexOf('*/', i + 2);
    return end < 0 ? sql.length : end + 2;
  }
  return i;
}

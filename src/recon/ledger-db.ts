import { dbDialect, dbErrorText, maskDbUrl } from '../core/db-url.js';
import { ImpError, UsageError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { parseDecimalYuan, parseFen } from '../core/money.js';
import { type DbCell, readDbRows } from './ledger-db-drivers.js';
import {
  DEFAULT_NAMES,
  LEDGER_FIELDS,
  type LedgerField,
  type LedgerOptions,
  type LedgerProblem,
  parseLedgerMap,
  readRow,
} from './ledger-file.js';
import type { LedgerRow } from './ledger-index.js';
import { type BoundSql, bindLedgerSql, dayBounds, readLedgerSql } from './ledger-sql.js';

/** A ledger read row by row from somewhere other than a CSV file (`--ledger-db`). */
export interface StreamLedgerSource {
  kind: 'stream';
  label: string;
  read: (
    date: string | undefined,
    onRow: (row: LedgerRow) => void,
  ) => Promise<{ hasFee: boolean; problems: LedgerProblem[] }>;
}

/** Options of {@link ledgerDbSource}. */
export interface LedgerDbOptions extends LedgerOptions {
  /** `postgres://…`, `mysql://…` or `mariadb://…` (already resolved from `env:`/`file:`). */
  url: string;
  /** `--ledger-sql`: the query, or `@file.sql`. */
  sql: string;
  /** `--window` seconds, widening `{from}`/`{to}`. */
  window: number;
  /** `--verbose`: told the masked URL and the bound query. */
  verbose?: (line: string) => void;
}

/**
 * `--ledger-db <url> --ledger-sql <query>`: the merchant's own orders table as the ledger. The
 * query's columns are found like a CSV ledger's header (default names, or `--map`), its rows
 * streamed in batches into the check, its placeholders bound as parameters. The URL's password
 * never reaches output: messages show the URL with `****`.
 */
export function ledgerDbSource(options: LedgerDbOptions): StreamLedgerSource {
  const dialect = dbDialect(options.url);
  const shown = maskDbUrl(options.url);
  if (!dialect) {
    throw new UsageError(`--ledger-db ${shown}: expected a postgres://, mysql:// or mariadb:// URL`);
  }
  const mapped = parseLedgerMap(options.map);
  const amountOf = options.unit === 'yuan' ? yuanAmount : fenAmount;
  return {
    kind: 'stream',
    label: shown,
    read: async (date, onRow) => {
      const query = await readLedgerSql(options.sql);
      const bound: BoundSql = bindLedgerSql(
        query.text,
        dialect,
        date ? dayBounds(date, options.window) : {},
        query.source,
      );
      options.verbose?.(`ledger: ${shown}`);
      options.verbose?.(`ledger query: ${bound.text.trim()}`);
      if (bound.params.length) options.verbose?.(`ledger parameters: ${JSON.stringify(bound.params)}`);
      const problems: LedgerProblem[] = [];
      let idx: Record<LedgerField, number> | undefined;
      let line = 0;
      try {
        await readDbRows(dialect, options.url, bound, {
          columns: (names) => {
            idx = resolveDbColumns(names, mapped, query.source);
          },
          rows: (rows) => {
            const i = idx!;
            for (const cells of rows) {
              line++;
              const row = readRow(textCells(cells, i.time), line, i, amountOf);
              if (typeof row === 'string') problems.push({ line, reason: row });
              else onRow(row);
            }
          },
        });
      } catch (err) {
        if (err instanceof ImpError) throw err;
        throw new ImpError(`--ledger-db ${shown}: ${dbErrorText(err, options.url)}`, ExitCode.usage, {
          code: 'RECON_LEDGER_DB',
        });
      }
      if (!idx) throw new UsageError(`${query.source}: the query returned no columns`);
      return { hasFee: idx.fee >= 0, problems };
    },
  };
}

/** The query's columns → ledger fields, as a CSV header is read (names case-insensitive). */
export function resolveDbColumns(
  names: readonly string[],
  mapped: Partial<Record<LedgerField, string>>,
  source: string,
): Record<LedgerField, number> {
  const lower = names.map((n) => n.toLowerCase());
  const idx = {} as Record<LedgerField, number>;
  for (const field of LEDGER_FIELDS) {
    const wanted = (mapped[field] ? [mapped[field]] : DEFAULT_NAMES[field]).map((w) => w.toLowerCase());
    idx[field] = lower.findIndex((n) => wanted.includes(n));
    if (idx[field] < 0 && mapped[field]) {
      throw new UsageError(`${source}: --map ${field}=${mapped[field]}: the query has no such column`, {
        code: 'RECON_UNREADABLE',
        hints: [`columns: ${names.join(', ')}`],
      });
    }
  }
  for (const field of ['orderno', 'amount'] as const) {
    if (idx[field] < 0) {
      throw new UsageError(
        `${source}: the query has no '${field}' column (name it with AS ${field}, or --map ${field}=<column>)`,
        { code: 'RECON_UNREADABLE', hints: [`columns: ${names.join(', ')}`] },
      );
    }
  }
  return idx;
}

/**
 * A row's cells as the CSV reader's text, in place (this runs per row): NULL is empty, numbers
 * their decimal text, and a timestamp (`2026-12-02 10:00:00.123+08`) its first 19 characters.
 */
function textCells(cells: DbCell[], timeAt: number): string[] {
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i];
    if (v === null || v === undefined) cells[i] = '';
    else if (typeof v !== 'string') cells[i] = String(v);
  }
  if (timeAt >= 0) {
    const t = cells[timeAt] as string;
    if (t.length > 19 && t.charCodeAt(4) === 45) cells[timeAt] = t.slice(0, 19);
  }
  return cells as string[];
}

/** Integer 分; a sign is tolerated (refunds are compared by magnitude), as in CSV ledgers. */
function fenAmount(text: string) {
  return parseFen(text.replace(/^-/, ''));
}

function yuanAmount(text: string) {
  const fen = parseDecimalYuan(text);
  return fen === undefined ? undefined : Math.abs(fen);
}

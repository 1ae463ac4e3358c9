import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Context } from '../../cli/kit/context.js';
import { UsageError } from '../../core/errors.js';
import type { StreamLedgerSource } from '../../recon/ledger-db.js';

/**
 * `--ledger-db <url|env:NAME|file:path> --ledger-sql <query|@file.sql>` into a ledger source.
 * `env:`/`file:` keep the password out of the shell history and `ps`, as in the config.
 */
export async function ledgerDbOption(
  ctx: Context,
  opts: { ledgerDb: string; ledgerSql?: string; map?: string[]; ledgerUnit?: string },
  window: number,
): Promise<StreamLedgerSource> {
  if (!opts.ledgerSql) {
    throw new UsageError(
      '--ledger-db needs --ledger-sql <query|@file.sql> (the query that lists the orders)',
    );
  }
  const url = dereference(ctx, opts.ledgerDb);
  const { ledgerDbSource } = await import('../../recon/ledger-db.js');
  return ledgerDbSource({
    url,
    sql: opts.ledgerSql,
    map: opts.map,
    unit: opts.ledgerUnit === 'yuan' ? 'yuan' : 'fen',
    window,
    verbose: ctx.global.verbose ? (line) => ctx.out.note(line) : undefined,
  });
}

function dereference(ctx: Context, value: string): string {
  if (value.startsWith('env:')) {
    const name = value.slice(4).trim();
    const v = name ? ctx.env[name] : undefined;
    if (!v) throw new UsageError(`--ledger-db ${value}: environment variable ${name || '(none)'} is not set`);
    return v.trim();
  }
  if (value.startsWith('file:')) {
    const file = resolve(ctx.cwd, value.slice(5).trim());
    try {
      return readFileSync(file, 'utf8').trim();
    } catch (err) {
      throw new UsageError(`--ledger-db ${value}: ${(err as NodeJS.ErrnoException).code ?? 'unreadable'}`);
    }
  }
  return value;
}

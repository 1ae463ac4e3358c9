import type { Client } from 'pg';
import { dbErrorText, maskDbUrl } from '../core/db-url.js';
import { ImpError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';

/** What a database is for, as messages name it: `journal.url` or `recon.store`. */
export type DbPurpose = 'journal.url' | 'recon.store';

/**
 * Open one connection to imp's PostgreSQL (`pg` loads here, only for commands that use it).
 * A server that cannot be reached is exit 7 with one line naming the config key and the URL
 * with its password masked; nothing falls back to a local file.
 */
export async function connectPg(url: string, purpose: DbPurpose): Promise<Client> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({
    connectionString: url,
    application_name: `imp ${purpose}`,
    connectionTimeoutMillis: 10_000,
  });
  // an idle connection the server drops must not crash the process: the next query reports it
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => undefined);
    throw unreachable(err, url, purpose);
  }
  return client;
}

/** Exit 7: the database did not answer (or refused us); nothing was sent. */
export function unreachable(err: unknown, url: string, purpose: DbPurpose): ImpError {
  return new ImpError(`${purpose} ${maskDbUrl(url)}: ${dbErrorText(err, url)}`, ExitCode.unreachable, {
    code: 'DB_UNREACHABLE',
    hints: ['nothing was sent; check that the database is up and the URL, user and password are right'],
  });
}

/** A query error as one line with the URL's password removed (exit 2 unless given). */
export function dbFailure(
  err: unknown,
  url: string,
  purpose: DbPurpose,
  exitCode: ExitCode = ExitCode.usage,
): ImpError {
  if (err instanceof ImpError) return err;
  const code = (err as { code?: string }).code;
  // connection-level failures (reset, server shutting down) mean the database is gone
  const message = (err as { message?: string }).message ?? '';
  if ((code && /^(ECONN|ETIMEDOUT|EPIPE|57P0|08)/.test(code)) || /Connection terminated/i.test(message))
    return unreachable(err, url, purpose);
  return new ImpError(`${purpose} ${maskDbUrl(url)}: ${dbErrorText(err, url)}`, exitCode, {
    code: 'DB_ERROR',
  });
}

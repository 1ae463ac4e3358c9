/**
 * Database URLs (`postgres://user:password@host:port/db?sslmode=…`, `mysql://…`): which engine,
 * and the URL and error messages with the password taken out. A URL is a secret as a whole
 * only through its password: host, port, user and database are shown so an operator can tell
 * which server was meant.
 */

export type DbDialect = 'postgres' | 'mysql';

const SCHEMES: Record<string, DbDialect> = {
  'postgres:': 'postgres',
  'postgresql:': 'postgres',
  'mysql:': 'mysql',
  'mariadb:': 'mysql',
};

/** The engine a URL names, or undefined when it is not a URL imp can use. */
export function dbDialect(url: string): DbDialect | undefined {
  try {
    return SCHEMES[new URL(url).protocol];
  } catch {
    return undefined;
  }
}

/** The URL as it may be shown: password replaced by `****`, query (sslmode…) kept. */
export function maskDbUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '****';
    return u.toString();
  } catch {
    return '<unreadable database URL>';
  }
}

/** The password of a URL in every spelling it may appear in (as written and decoded). */
export function dbSecrets(url: string): string[] {
  try {
    const raw = new URL(url).password;
    if (!raw) return [];
    const decoded = decodeURIComponent(raw);
    return [...new Set([url, raw, decoded])].filter((s) => s.length > 0);
  } catch {
    return [url];
  }
}

/** A driver's error message, one line, with the URL's password (and the URL itself) removed. */
export function dbErrorText(err: unknown, url: string): string {
  const e = err as { message?: string; code?: string };
  let text = String(e?.message || e?.code || err).split('\n')[0]!;
  // longest first: the whole URL before the password inside it
  for (const s of dbSecrets(url).sort((a, b) => b.length - a.length)) {
    text = text.split(s).join(s === url ? maskDbUrl(url) : '****');
  }
  return text;
}

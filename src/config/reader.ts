import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { closest, isCommentKey, type Problem } from './problems.js';

type Obj = Record<string, unknown>;

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

function isAbsent(v: unknown): boolean {
  return v === undefined || v === null || v === '';
}

/** Expand `~/` and make a path absolute against the config file's directory. */
export function resolvePath(p: string, baseDir: string, home: string | undefined): string {
  if (home && (p === '~' || p.startsWith('~/'))) return resolve(home, p.slice(2));
  return isAbsolute(p) ? p : resolve(baseDir, p);
}

/** Why a file cannot be used, or undefined when it exists, is a file and is readable. */
export function fileProblem(abs: string, shown: string): string | undefined {
  try {
    if (!statSync(abs).isFile()) return `not a file: ${shown}`;
    accessSync(abs, constants.R_OK);
    return undefined;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return `file not found: ${shown}`;
    if (code === 'EACCES' || code === 'EPERM') return `file not readable: ${shown}`;
    return `cannot read ${shown}: ${code ?? String(err)}`;
  }
}

/**
 * Reads values out of a parsed config and collects every problem with its JSON path
 * instead of stopping at the first, so the user fixes everything in one go.
 * Resolves `env:NAME` and `file:path` references; never opens key files.
 */
export class ConfigReader {
  readonly problems: Problem[] = [];
  /** JSON path → the `env:`/`file:` reference its value came from (shown by `config show`). */
  readonly refs: Record<string, string> = {};
  /** JSON path → absolute path of a file a secret was read from (`config doctor` checks its mode). */
  readonly secretFiles: Record<string, string> = {};

  constructor(
    readonly env: NodeJS.ProcessEnv,
    readonly baseDir: string,
  ) {}

  add(path: string, message: string): void {
    this.problems.push({ path, message });
  }

  abs(p: string): string {
    return resolvePath(p, this.baseDir, this.env.HOME);
  }

  object(v: unknown, at: string, known?: readonly string[]): Obj | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'object' || Array.isArray(v)) {
      this.add(at, `expected an object, got ${typeName(v)}`);
      return undefined;
    }
    if (known) this.unknownKeys(v as Obj, known, at);
    return v as Obj;
  }

  unknownKeys(obj: Obj, known: readonly string[], at: string): void {
    for (const key of Object.keys(obj)) {
      if (known.includes(key) || isCommentKey(key)) continue;
      const guess = closest(key, known);
      this.add(at ? `${at}.${key}` : key, `unknown key${guess ? ` (did you mean "${guess}"?)` : ''}`);
    }
  }

  /** Resolve `env:`/`file:`; undefined (with a problem) when the reference cannot be resolved. */
  deref(v: string, at: string): string | undefined {
    if (v.startsWith('env:')) {
      const name = v.slice(4).trim();
      this.refs[at] = v;
      if (!name) return this.fail(at, '"env:" needs a variable name');
      const value = this.env[name];
      if (value === undefined) return this.fail(at, `environment variable ${name} is not set`);
      return value;
    }
    if (v.startsWith('file:')) {
      const shown = v.slice(5).trim();
      this.refs[at] = v;
      if (!shown) return this.fail(at, '"file:" needs a path');
      const abs = this.abs(shown);
      const problem = fileProblem(abs, shown);
      if (problem) return this.fail(at, problem);
      this.secretFiles[at] = abs;
      return readFileSync(abs, 'utf8').trim();
    }
    return v;
  }

  private fail(at: string, message: string): undefined {
    this.add(at, message);
    return undefined;
  }

  string(v: unknown, at: string, required = false): string | undefined {
    if (isAbsent(v)) {
      if (required) this.add(at, 'missing (required)');
      return undefined;
    }
    if (typeof v !== 'string') return this.fail(at, `expected a string, got ${typeName(v)}`);
    const value = this.deref(v, at);
    if (value === '' && required)
      return this.fail(at, `is empty${this.refs[at] ? ` (${this.refs[at]})` : ''}`);
    return value === '' ? undefined : value;
  }

  /** A readable file; file problems are reported at `reportAt` (the key's own path, e.g. `merchantKey`). */
  file(v: unknown, at: string, required = false, reportAt = at): string | undefined {
    const s = this.string(v, at, required);
    if (s === undefined) return undefined;
    const abs = this.abs(s);
    const problem = fileProblem(abs, s);
    if (problem) return this.fail(reportAt, problem);
    return abs;
  }

  /** A directory that need not exist yet (it is created on first use). */
  dir(v: unknown, at: string, fallback: string): string {
    return this.abs(this.string(v, at) ?? fallback);
  }

  int(v: unknown, at: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
    if (isAbsent(v)) return fallback;
    let n: number | undefined;
    if (typeof v === 'number') n = v;
    else if (typeof v === 'string') {
      const s = this.deref(v, at);
      if (s === undefined) return fallback;
      n = /^\d+$/.test(s.trim()) ? Number(s.trim()) : Number.NaN;
    } else return this.fail(at, `expected a number, got ${typeName(v)}`) ?? fallback;
    if (!Number.isInteger(n) || n < min || n > max) {
      this.add(at, `expected a whole number from ${min} to ${max}, got ${JSON.stringify(v)}`);
      return fallback;
    }
    return n;
  }

  /** true or false (absent: false). */
  bool(v: unknown, at: string): boolean {
    if (isAbsent(v)) return false;
    if (typeof v === 'boolean') return v;
    return this.fail(at, `expected true or false, got ${JSON.stringify(v)}`) ?? false;
  }

  /** An http(s) URL. */
  url(v: unknown, at: string, required = false): string | undefined {
    const s = this.string(v, at, required);
    if (s === undefined) return undefined;
    let u: URL;
    try {
      u = new URL(s);
    } catch {
      return this.fail(at, `not a URL: ${s}`);
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return this.fail(at, `not an http(s) URL: ${s}`);
    return s;
  }
}

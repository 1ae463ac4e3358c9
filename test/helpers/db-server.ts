import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * What the PostgreSQL and MariaDB test helpers share: a temp dir the server's user owns, a free
 * loopback port, running a program as that user when the tests run as root (CI does), and a
 * process group to stop at the end.
 */

export const execFileP = promisify(execFile);

/** A free TCP port on 127.0.0.1 (the kernel picks; closed again before the server binds it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const isRoot = (): boolean => process.getuid?.() === 0;

/** A temp dir owned by `user` when running as root (initdb refuses to run as root). */
export function serviceDir(prefix: string, user: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  chownTo(dir, user);
  return dir;
}

/** Give `file` to `user` when running as root (the server must read what the test wrote). */
export function chownTo(file: string, user: string): void {
  if (!isRoot()) return;
  const ids = userIds(user);
  if (ids) chownSync(file, ids.uid, ids.gid);
}

function userIds(user: string): { uid: number; gid: number } | undefined {
  try {
    const f = execFileSync('getent', ['passwd', user], { encoding: 'utf8' }).trim().split(':');
    return { uid: Number(f[2]), gid: Number(f[3]) };
  } catch {
    return undefined;
  }
}

/** argv that runs `argv` as `user` when we are root, else as ourselves. */
export function asUser(user: string, argv: string[]): string[] {
  return isRoot() ? ['runuser', '-u', user, '--', ...argv] : argv;
}

/** Run a program to completion (as `user` under root), with its output in the error when it fails. */
export async function runAs(user: string, argv: string[], cwd?: string): Promise<void> {
  const [cmd, ...args] = asUser(user, argv);
  try {
    await execFileP(cmd!, args, { cwd, maxBuffer: 16 << 20 });
  } catch (err) {
    const e = err as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${argv[0]} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

/** A long-running server process in its own process group, its output kept for errors. */
export interface ServerProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  stop: (signal?: NodeJS.Signals) => Promise<void>;
}

export function startServerProcess(user: string, argv: string[]): ServerProcess {
  const [cmd, ...args] = asUser(user, argv);
  const child = spawn(cmd!, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const keep = (b: Buffer) => {
    out = (out + b.toString('utf8')).slice(-8000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let done = false;
  void exited.then(() => {
    done = true;
  });
  return {
    child,
    output: () => out,
    exited,
    stop: async (signal = 'SIGTERM') => {
      if (done) return;
      // the group: runuser and the server (and its children) together, only ours
      try {
        process.kill(-child.pid!, signal);
      } catch {
        return;
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Poll `probe` until it resolves or the server exits or `ms` pass. */
export async function waitReady(
  name: string,
  server: ServerProcess,
  probe: () => Promise<void>,
  ms = 60_000,
): Promise<void> {
  const until = Date.now() + ms;
  let last: unknown;
  let exited = false;
  void server.exited.then(() => {
    exited = true;
  });
  while (Date.now() < until) {
    if (exited) throw new Error(`${name} exited while starting:\n${server.output()}`);
    try {
      await probe();
      return;
    } catch (err) {
      last = err;
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  throw new Error(`${name} did not start in ${ms} ms: ${String(last)}\n${server.output()}`);
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

import { mkdir, open, readFile, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { UsageError } from '../core/errors.js';

/** Is a process with this pid alive (EPERM: alive, someone else's)? */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Run `fn` holding the profile's refund lock (`<journal>.refund.lock`, created
 * exclusively, holding the pid). Two imp processes refunding at once would both
 * pass the duplicate and over-refund checks before either journals its refund;
 * the lock makes the check-then-journal step one at a time. A lock left by a
 * process that died is taken over.
 */
export async function withRefundLock<R>(journalFile: string, zh: boolean, fn: () => Promise<R>): Promise<R> {
  const path = `${journalFile}.refund.lock`;
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  for (let attempt = 0; ; attempt++) {
    try {
      const fh = await open(path, 'wx', 0o600);
      await fh.writeFile(`${process.pid}\n${new Date().toISOString()}\n`);
      await fh.close();
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const [pidText, since] = (await readFile(path, 'utf8').catch(() => '')).split('\n');
      const pid = Number(pidText);
      if (attempt === 0 && !(Number.isInteger(pid) && pid > 0 && alive(pid))) {
        await unlink(path).catch(() => undefined);
        continue;
      }
      throw new UsageError(
        zh
          ? `另一个 imp 退款进程正在运行（pid ${pidText}，自 ${since ?? '?'}）：请等它结束再试`
          : `another imp refund is running (pid ${pidText}, since ${since ?? '?'}): try again when it has finished`,
        { code: 'REFUND_LOCKED', hints: [path] },
      );
    }
  }
  try {
    return await fn();
  } finally {
    await unlink(path).catch(() => undefined);
  }
}

// The shared journal's begin-row commit latency on a local PostgreSQL (fsync on, synchronous
// commit): the time from "checks start" to "begin row durable" for one refund, i.e. one
// withOrderLock step (advisory lock, read of the order's journal, INSERT, COMMIT). Beside it,
// the same step on the local JSONL journal (lock file, read, append + fsync) for scale.
// Prints median and p99 of each over BENCH_N sequential steps (default 300), after a warm-up.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres } from './lib/pg-server.mjs';

const { PgJournalStore } = await import('../dist/journal/pg-store.js');
const { FileJournalStore } = await import('../dist/journal/file-store.js');
const { migrate } = await import('../dist/journal/migrate.js');
const { connectPg } = await import('../dist/journal/pg-connect.js');

const N = Number(process.env.BENCH_N ?? 300);
const BUSINO = '812345678901234';

async function steps(store, n) {
  const times = [];
  for (let i = 0; i < n; i++) {
    const orderno = `B${i % 50}`;
    const t0 = performance.now();
    await store.withOrderLock(BUSINO, orderno, async (tx) => {
      // what a refund reads under the lock: the journal as it stands
      for await (const _ of tx.lines()) {
        // counted by the store's read
      }
      await tx.append(
        JSON.stringify({
          type: 'begin',
          id: `b-${i}-${Date.now()}`,
          txn: 'refund',
          profile: 'bench',
          at: new Date().toISOString(),
          orderno,
          refundno: `R${i}`,
          amount: 100,
        }),
      );
    });
    times.push(performance.now() - t0);
  }
  return times;
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], p99: s[Math.min(s.length - 1, Math.floor(s.length * 0.99))] };
};

const server = await startPostgres({ fsync: true });
const dir = mkdtempSync(join(tmpdir(), 'imp-bench-journal-'));
try {
  const c = await connectPg(server.url, 'journal.url');
  await migrate(c);
  await c.end();
  const pgStore = new PgJournalStore(server.url, BUSINO, 'bench');
  await steps(pgStore, 20);
  const pgTimes = await steps(pgStore, N);
  await pgStore.close();
  const fileStore = new FileJournalStore(join(dir, 'bench.jsonl'));
  await steps(fileStore, 20);
  const fileTimes = await steps(fileStore, N);
  await fileStore.close();
  const p = stats(pgTimes);
  const f = stats(fileTimes);
  console.log(
    `begin-row commit on PostgreSQL (fsync on, ${N} steps, journal of ${N + 20} lines): median ${p.median.toFixed(2)} ms, p99 ${p.p99.toFixed(2)} ms`,
  );
  console.log(
    `same step on the local JSONL journal (lock file + fsync):          median ${f.median.toFixed(2)} ms, p99 ${f.p99.toFixed(2)} ms`,
  );
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { journalOf, paidOrder, sandboxRefunds } from '../integration/refund-harness.js';
import { faultSuite, staleLock } from './refund-fault-harness.js';

// Races and kills (the fault-and-race suite, part 1: see refund-fault-harness.ts).
const s = faultSuite();
const { intended, run } = s;
const journalText = () => s.journalText();
const lockDir = () => s.lockDir();

describe('refunds: no second refund under races and kills', () => {
  it('stale-lock race: 200 runs of 2-4 processes over a lock a dead process left; never two holders, never two sends', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'imp-lock-race-'));
    const dist = (f: string) => JSON.stringify(new URL(`../../dist/${f}`, import.meta.url).href);
    // each racer: take the refund lock, read the journal, begin a refund unless one exists, check
    // the claim, then "send" (append to sent.log) — the steps of imp refund, minus the network
    const racer = `
      const { withRefundLock } = await import(${dist('refund/lock.js')});
      const { ClaimWatch, Journal, readJournalLines } = await import(${dist('journal/index.js')});
      const fs = await import('node:fs');
      const [file] = process.argv.slice(-1);
      const holders = file + '.holders';
      try {
        await withRefundLock(new Journal(file, 'race'), async () => {
          fs.mkdirSync(holders, { recursive: true });
          fs.writeFileSync(holders + '/' + process.pid, '');
          if (fs.readdirSync(holders).length > 1) fs.appendFileSync(file + '.overlap', process.pid + '\\n');
          const journal = new Journal(file, 'race');
          const claims = await ClaimWatch.start(file);
          let refunded = false;
          for await (const l of readJournalLines(file)) if (l.type === 'begin' && l.orderno === 'ORDER') refunded = true;
          if (!refunded) {
            const b = await journal.begin({ txn: 'refund', orderno: 'ORDER', refundno: 'R', amount: 100, ordinal: 1, attempt: 1 });
            const rival = await claims.rivalBefore(b.id, 'ORDER');
            if (rival) await journal.finish(b.id, { state: 'not_sent' });
            else fs.appendFileSync(file + '.sent', process.pid + '\\n');
          }
          await journal.close();
          fs.rmSync(holders + '/' + process.pid);
        });
      } catch (e) {
        if (e.code !== 'REFUND_LOCKED') throw e;
      }`;
    let duplicates = 0;
    let overlaps = 0;
    let missing = 0;
    const runs = 200;
    const race = async (i: number) => {
      const file = path.join(dir, `r${i}`, 'race.jsonl');
      staleLock(`${file}.refund.lock`);
      const n = 2 + (i % 3);
      const codes = await Promise.all(
        Array.from({ length: n }, () => {
          const p = spawn(process.execPath, ['--input-type=module', '-e', racer, file], { stdio: 'inherit' });
          return new Promise<number | null>((r) => p.on('close', r));
        }),
      );
      expect(codes.every((c) => c === 0)).toBe(true);
      const sent = existsSync(`${file}.sent`) ? readFileSync(`${file}.sent`, 'utf8').trim().split('\n') : [];
      if (sent.length > 1) duplicates++;
      if (sent.length === 0) missing++;
      if (existsSync(`${file}.overlap`)) overlaps++;
    };
    const parallel = 8;
    for (let i = 0; i < runs; i += parallel)
      await Promise.all(Array.from({ length: parallel }, (_, k) => race(i + k)));
    rmSync(dir, { recursive: true, force: true });
    console.log(
      `stale-lock race: ${runs} runs, ${duplicates} duplicate sends, ${overlaps} runs with two holders`,
    );
    expect(duplicates).toBe(0);
    expect(overlaps).toBe(0);
    expect(missing).toBe(0);
  }, 600_000);

  it('the same race with imp refund against the sandbox: one refund per order', async () => {
    for (let i = 0; i < 8; i++) {
      const orderno = await paidOrder(s.t, 1000);
      intended.set(orderno, 1);
      staleLock(lockDir());
      const n = 2 + (i % 3);
      const runs = await Promise.all(
        Array.from({ length: n }, () => run(['--yes', 'refund', orderno, '--amount', '1.00'])),
      );
      // every process either sent it, found it (resumed / refused a second one), or waited its turn
      for (const r of runs) expect([0, 2], r.stderr).toContain(r.code);
      expect(sandboxRefunds(s.t, orderno)).toHaveLength(1);
    }
  }, 120_000);

  it('kill -9 at every step of 50 refunds, each followed by the same command 20 minutes later: exactly one refund each', async () => {
    // when to kill, cycling: during start-up; holding the lock; right after the begin line; while
    // the answer is on its way (the sandbox delays it); after the outcome line
    const moments = ['startup', 'lock', 'begin', 'in-flight', 'finish'] as const;
    const seen: Record<string, number> = {};
    for (let i = 0; i < 50; i++) {
      const moment = moments[i % moments.length] as (typeof moments)[number];
      const orderno = await paidOrder(s.t, 1000);
      intended.set(orderno, 1);
      // …94: the sandbox records the refund, then answers after the client's timeout
      const amount = moment === 'in-flight' ? '1.94' : '1.00';
      const before = existsSync(journalOf(s.t).file) ? journalText().length : 0;
      const child = s.spawnImp(['--yes', 'refund', orderno, '--amount', amount]);
      const done = s.finish(child);
      const fresh = () => (existsSync(journalOf(s.t).file) ? journalText().slice(before) : '');
      const killAt = async () => {
        const deadline = Date.now() + 8000;
        const wanted =
          moment === 'startup'
            ? () => Date.now() > deadline - 8000 + 40 + (i % 7) * 30
            : moment === 'lock'
              ? () => existsSync(lockDir())
              : moment === 'begin'
                ? () => fresh().includes(`"orderno":"${orderno}"`)
                : moment === 'in-flight'
                  ? () =>
                      fresh().includes(`"orderno":"${orderno}"`) && sandboxRefunds(s.t, orderno).length > 0
                  : () => /"type":"finish"/.test(fresh());
        while (child.exitCode === null && Date.now() < deadline && !wanted())
          await new Promise((r) => setTimeout(r, 2));
        child.kill('SIGKILL');
      };
      await killAt();
      const first = await done;
      seen[`${moment}:${first.code === null ? 'killed' : 'exited'}`] =
        (seen[`${moment}:${first.code === null ? 'killed' : 'exited'}`] ?? 0) + 1;
      const again = await run(['--json', '--yes', 'refund', orderno, '--amount', amount], { later: true });
      // 0: sent now, or the earlier one resumed; 2: the earlier one is final (a second needs --again)
      expect([0, 2], `${moment}: ${again.stderr}`).toContain(again.code);
      expect(sandboxRefunds(s.t, orderno), `${moment} run ${i}`).toHaveLength(1);
    }
    console.log(`kill moments: ${JSON.stringify(seen)}`);
  }, 240_000);
});

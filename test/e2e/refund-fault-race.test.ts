import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMP_BIN } from '../helpers/cli.js';
import { spawnTerm } from '../helpers/pty.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { requireService } from '../helpers/services.js';
import { journalOf, paidOrder, sandboxRefunds } from '../integration/refund-harness.js';

/**
 * The fault-and-race suite of "no second refund unless the operator asks for one", against the
 * real sandbox and the built CLI: stale-lock races, kill -9 at every step of a refund followed
 * by the same command under a clock twenty minutes ahead, batch re-runs with rows moved, resolve
 * under a wrong busino, a changed byte in the journal, unsafe numbers, a refused connection, and
 * every printed hint run as printed from another directory. The count that matters is printed at
 * the end: refunds the sandbox recorded beyond those intended.
 */

const FAKETIME = requireService('faketime', ['faketime'], { install: 'apt-get install faketime' });
const LATER = ['-f', '+20m'];

let t: TestSandbox;
/** Every order this suite refunds, with how many refunds were meant. */
const intended = new Map<string, number>();
/** Every hint line (a command for the operator) printed along the way. */
const hints = new Set<string>();

beforeAll(async () => {
  t = await startTestSandbox({
    refundDelayMs: 300,
    slowAnswerMs: 2500,
    profile: { http: { timeoutMs: 1000, connectTimeoutMs: 1000 } },
  });
});

afterAll(async () => {
  let extra = 0;
  for (const [orderno, n] of intended) extra += Math.max(0, sandboxRefunds(t, orderno).length - n);
  console.log(`refunds recorded by the sandbox beyond those intended: ${extra}`);
  await t?.close();
  expect(extra).toBe(0);
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Spawn the built imp (optionally under faketime), from `cwd`, with the test profile's env unless `bare`. */
function spawnImp(args: string[], o: { later?: boolean; cwd?: string; bare?: boolean } = {}): ChildProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', LANG: 'en_US.UTF-8' };
  delete env.IMP_CONFIG;
  delete env.IMP_PROFILE;
  if (!o.bare) Object.assign(env, t.env);
  const argv = [IMP_BIN, ...args];
  return o.later && FAKETIME
    ? spawn(FAKETIME, [...LATER, process.execPath, ...argv], { cwd: o.cwd ?? t.root, env })
    : spawn(process.execPath, argv, { cwd: o.cwd ?? t.root, env });
}

function finish(child: ChildProcess): Promise<Run> {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr?.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('close', (code) => {
      collectHints(stdout + stderr);
      resolve({ code, stdout, stderr });
    });
  });
}

const run = (args: string[], o: { later?: boolean; cwd?: string; bare?: boolean } = {}) =>
  finish(spawnImp(args, o));

/** Every `imp -c …` command in a text, up to the end of the command (a bracket or the line's end). */
function collectHints(text: string): void {
  // a hint with a placeholder (<refundno>) is a pattern, not a command to run as printed
  for (const m of text.matchAll(/imp -c [^\s()（）]+(?: [^\s()（）]+)*/g))
    if (!m[0].includes('<')) hints.add(m[0].trim());
}

const journalText = () => readFileSync(journalOf(t).file, 'utf8');
const lockDir = () => `${journalOf(t).file}.refund.lock`;

/** A lock as a kill -9 leaves it: present, not refreshed for a minute. */
function staleLock(dir = lockDir()): void {
  mkdirSync(dir, { recursive: true });
  const old = new Date(Date.now() - 60_000);
  utimesSync(dir, old, old);
}

describe('refunds: no second refund unless the operator asks for one', () => {
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
        await withRefundLock(file, false, async () => {
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
      const orderno = await paidOrder(t, 1000);
      intended.set(orderno, 1);
      staleLock();
      const n = 2 + (i % 3);
      const runs = await Promise.all(
        Array.from({ length: n }, () => run(['--yes', 'refund', orderno, '--amount', '1.00'])),
      );
      // every process either sent it, found it (resumed / refused a second one), or waited its turn
      for (const r of runs) expect([0, 2], r.stderr).toContain(r.code);
      expect(sandboxRefunds(t, orderno)).toHaveLength(1);
    }
  }, 120_000);

  it('kill -9 at every step of 50 refunds, each followed by the same command 20 minutes later: exactly one refund each', async () => {
    // when to kill, cycling: during start-up; holding the lock; right after the begin line; while
    // the answer is on its way (the sandbox delays it); after the outcome line
    const moments = ['startup', 'lock', 'begin', 'in-flight', 'finish'] as const;
    const seen: Record<string, number> = {};
    for (let i = 0; i < 50; i++) {
      const moment = moments[i % moments.length] as (typeof moments)[number];
      const orderno = await paidOrder(t, 1000);
      intended.set(orderno, 1);
      // …94: the sandbox records the refund, then answers after the client's timeout
      const amount = moment === 'in-flight' ? '1.94' : '1.00';
      const before = existsSync(journalOf(t).file) ? journalText().length : 0;
      const child = spawnImp(['--yes', 'refund', orderno, '--amount', amount]);
      const done = finish(child);
      const fresh = () => (existsSync(journalOf(t).file) ? journalText().slice(before) : '');
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
                  ? () => fresh().includes(`"orderno":"${orderno}"`) && sandboxRefunds(t, orderno).length > 0
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
      expect(sandboxRefunds(t, orderno), `${moment} run ${i}`).toHaveLength(1);
    }
    console.log(`kill moments: ${JSON.stringify(seen)}`);
  }, 240_000);

  it('a batch run again 20 minutes later with rows moved and a row added sends only the new row', async () => {
    const [a, b, c, d] = await Promise.all([1, 2, 3, 4].map(() => paidOrder(t, 1000)));
    for (const o of [a, b, c, d]) intended.set(o as string, 1);
    const csv = path.join(t.root, 'daily.csv');
    writeFileSync(csv, `orderno,amount_fen\n${a},100\n${b},100\n${c},100\n`);
    const first = await run(['--yes', 'refund', '--batch', csv]);
    expect(first.code, first.stderr).toBe(0);
    writeFileSync(csv, `orderno,amount_fen\n${d},100\n${c},100\n${a},100\n${b},100\n`);
    const later = await run(['--json', '--yes', 'refund', '--batch', csv], { later: true });
    expect([0, 1], later.stderr).toContain(later.code);
    for (const o of [a, b, c, d]) expect(sandboxRefunds(t, o as string)).toHaveLength(1);
    // identical rows are refused unless a column tells them apart; an again column does
    writeFileSync(csv, `orderno,amount_fen\n${a},200\n${a},200\n`);
    const twice = await run(['--yes', 'refund', '--batch', csv]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('again column');
    writeFileSync(csv, `orderno,amount_fen,again\n${a},200,1\n${a},200,2\n`);
    intended.set(a as string, 3);
    expect((await run(['--yes', 'refund', '--batch', csv])).code).toBe(0);
    expect((await run(['--yes', 'refund', '--batch', csv], { later: true })).code).toBe(0);
    expect(sandboxRefunds(t, a as string)).toHaveLength(3);
    // a row whose refund failed for certain (…91: accepted, then failed) is skipped on a re-run,
    // and sent again under the next attempt's number only with --retry-failed
    const e = await paidOrder(t, 1000);
    intended.set(e, 2);
    writeFileSync(csv, `orderno,amount_fen\n${e},191\n`);
    expect((await run(['--yes', 'refund', '--batch', csv])).code).toBe(0);
    const failed = async () =>
      (await journalOf(t).find({ orderno: e, txn: 'refund' }))[0]?.state === 'failure';
    for (let i = 0; i < 50 && !(await failed()); i++) {
      await run(['refund', '--resume', sandboxRefunds(t, e)[0]?.refundno as string]);
    }
    const skipped = await run(['--json', '--yes', 'refund', '--batch', csv], { later: true });
    expect(JSON.parse(skipped.stdout).summary.skipped.rows, skipped.stdout).toBe(1);
    expect(sandboxRefunds(t, e)).toHaveLength(1);
    const retried = await run(['--json', '--yes', 'refund', '--batch', csv, '--retry-failed'], {
      later: true,
    });
    expect([0, 1], retried.stderr).toContain(retried.code);
    const records = sandboxRefunds(t, e);
    expect(records).toHaveLength(2);
    expect(records[1]?.refundno).not.toBe(records[0]?.refundno);
  }, 120_000);

  it('resolve under a wrong busino stops and names the merchant, records nothing; corrected, it settles; no second refund', async () => {
    const orderno = await paidOrder(t, 1000);
    intended.set(orderno, 1);
    // …93: the refund is recorded, the connection dropped: outcome unknown
    const r = await run(['--yes', 'refund', orderno, '--amount', '1.93']);
    expect(r.code).toBe(3);
    const config = readFileSync(t.configPath, 'utf8');
    const busino = JSON.parse(config).profiles.sandbox.busino as string;
    writeFileSync(t.configPath, config.replace(`"busino": "${busino}"`, '"busino": "WRONG000000000"'));
    try {
      const wrong = await run(['--json', 'journal', 'resolve']);
      expect(wrong.code).toBe(2);
      expect(JSON.parse(wrong.stdout).error.code).toBe('RESOLVE_CONFIG');
      expect(wrong.stderr + wrong.stdout).toContain('busino');
      expect(journalText()).not.toMatch(/"state":"failure","respcode":"10003"/);
    } finally {
      writeFileSync(t.configPath, config);
    }
    const right = await run(['--json', 'journal', 'resolve']);
    expect(right.code, right.stderr).toBe(0);
    const again = await run(['--yes', 'refund', orderno, '--amount', '1.93'], { later: true });
    expect([0, 2]).toContain(again.code);
    expect(sandboxRefunds(t, orderno)).toHaveLength(1);
  }, 60_000);

  it('one changed byte in a refund line: the line is damaged, every refund is refused until it is dismissed', async () => {
    const orderno = await paidOrder(t, 1000);
    intended.set(orderno, 1);
    expect((await run(['--yes', 'refund', orderno, '--amount', '1.00', '--wait', '10'])).code).toBe(0);
    const text = journalText();
    const at = text.lastIndexOf(`"orderno":"${orderno}"`) + '"orderno":"'.length + orderno.length - 1;
    const digit = text[at] as string;
    writeFileSync(journalOf(t).file, text.slice(0, at) + (digit === '1' ? '2' : '1') + text.slice(at + 1));
    const r = await run(['--json', '--yes', 'refund', orderno, '--amount', '1.00'], { later: true });
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error.code).toBe('JOURNAL_DAMAGED');
    expect(r.stdout + r.stderr).toContain('checksum');
    expect(sandboxRefunds(t, orderno)).toHaveLength(1);
    // restore the byte: the line reads again and the refund is found (a second needs --again)
    writeFileSync(journalOf(t).file, text);
    expect((await run(['--yes', 'refund', orderno, '--amount', '1.00'])).code).toBe(2);
    expect(sandboxRefunds(t, orderno)).toHaveLength(1);
  }, 60_000);

  it('numbers the wire cannot carry are refused before anything is sent (exit 2, naming the flag)', async () => {
    const before = journalText();
    for (const [args, flag] of [
      [['refund', 'A&B', '--amount', '1.00'], '<orderno>'],
      [['refund', 'ORDER1', '--amount', '1.00', '--refund-no', 'R=1'], '--refund-no'],
      [['query', 'A B'], '<orderno>'],
      [['query', '--refund', 'R%1', '--order', 'O1'], '--refund'],
      [['refund', 'O单', '--amount', '1.00'], '<orderno>'],
    ] as const) {
      const r = await run(['--yes', ...args]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(`${flag}:`);
    }
    expect(journalText()).toBe(before);
  }, 60_000);

  it('connection refused: exit 7, nothing sent, nothing pending; the same command later sends it once', async () => {
    const orderno = await paidOrder(t, 1000);
    intended.set(orderno, 1);
    const o = t.sandbox.order(orderno);
    const given = [
      '--transno',
      o?.transno as string,
      '--field',
      `prv_tradeno=${o?.imp_tradeno}`,
      '--field',
      `prv_trdate=${o?.day}`,
      '--field',
      'prv_tramt=1000',
    ];
    const config = readFileSync(t.configPath, 'utf8');
    const closed = 'http://127.0.0.1:9';
    writeFileSync(t.configPath, config.replace(t.baseUrl, closed));
    try {
      const r = await run(['--json', '--yes', 'refund', orderno, '--amount', '1.00', ...given]);
      expect(r.code, r.stdout + r.stderr).toBe(7);
      expect(r.stdout + r.stderr).toContain('nothing was sent; safe to run again');
      expect(JSON.parse(r.stdout).exitCode).toBe(7);
      const entry = (await journalOf(t).find({ orderno, txn: 'refund' }))[0];
      expect(entry?.state).toBe('not_sent');
      const pending = await run(['--json', 'journal', 'pending']);
      expect(JSON.parse(pending.stdout).entries.map((e: { orderno: string }) => e.orderno)).not.toContain(
        orderno,
      );
    } finally {
      writeFileSync(t.configPath, config);
    }
    expect((await run(['--yes', 'refund', orderno, '--amount', '1.00', ...given])).code).toBe(0);
    expect(sandboxRefunds(t, orderno)).toHaveLength(1);
  }, 60_000);

  it('every command imp printed for the operator, run as printed from another directory under -c/-p, does what it says', async () => {
    // a config whose default profile is not the one used: a hint without -p would act on the wrong one
    const alt = path.join(t.root, 'alt.config.json');
    const cfg = JSON.parse(readFileSync(t.configPath, 'utf8'));
    cfg.profiles.elsewhere = { ...cfg.profiles.sandbox, baseUrl: 'http://127.0.0.1:9' };
    cfg.defaultProfile = 'elsewhere';
    writeFileSync(alt, JSON.stringify(cfg, null, 2));
    const g = ['-c', 'alt.config.json', '-p', 'sandbox'];
    const bare = { bare: true };
    // an unknown outcome, a pending refund, a duplicate, the journal's pending list, a damaged line
    const unknown = await paidOrder(t, 1000);
    const pendingOrder = await paidOrder(t, 1000);
    intended.set(unknown, 1);
    intended.set(pendingOrder, 2); // the --again hint, run as printed, sends the second on purpose
    await run([...g, '--yes', 'refund', unknown, '--amount', '1.93'], bare);
    await run([...g, 'journal', 'pending'], bare);
    await run([...g, '--yes', 'refund', pendingOrder, '--amount', '1.00', '--wait', '10'], bare);
    await run([...g, '--yes', 'refund', pendingOrder, '--amount', '1.00'], bare);
    writeFileSync(
      journalOf(t).file,
      `${journalText()}{"type":"begin","txn":"refund","orderno":"${pendingOrder}"\n`,
    );
    await run([...g, '--yes', 'refund', pendingOrder, '--amount', '1.00'], bare);
    await run([...g, 'journal'], bare);
    const mine = [...hints].filter((h) => h.includes('/alt.config.json -p sandbox'));
    const kinds = new Set(mine.map((h) => h.split(' ').slice(5, 7).join(' ')));
    for (const k of [
      'query --refund',
      'refund --resume',
      'journal resolve',
      'journal dismiss',
      `refund ${pendingOrder}`,
    ])
      expect([...kinds], k).toContain(k);
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'imp-elsewhere-'));
    try {
      // dismiss first: the damaged line it names refuses the refunds the other hints send
      for (const hint of [...mine].sort(
        (x, y) => Number(y.includes('dismiss')) - Number(x.includes('dismiss')),
      )) {
        const argv = hint.split(' ').slice(1);
        let r = await run(argv, { cwd: elsewhere, bare: true });
        if (r.code === 2 && r.stderr.includes('confirmation needed')) {
          // it asks first (dismiss, a second refund): run as printed on a terminal, answered yes
          const term = await spawnTerm(argv, { cwd: elsewhere });
          try {
            await term.seen('(y/N)');
            term.term.write('y\r');
            r = { code: await term.exited, stdout: term.text(), stderr: term.text() };
          } finally {
            term.term.kill();
          }
        }
        expect([0, 3], `${hint}\n${r.stderr}`).toContain(r.code);
      }
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
    expect(sandboxRefunds(t, unknown)).toHaveLength(1);
  }, 120_000);

  it('a 300 MB line in the journal: imp journal, pending and refund stay in bounded memory and report it as damaged', async () => {
    const file = journalOf(t).file;
    const saved = journalText();
    const chunk = Buffer.alloc(1024 * 1024, 0x61);
    const { openSync, writeSync, closeSync } = await import('node:fs');
    const fd = openSync(file, 'a');
    for (let i = 0; i < 300; i++) writeSync(fd, chunk);
    writeSync(fd, '\n');
    closeSync(fd);
    try {
      for (const args of [['journal'], ['journal', 'pending']]) {
        const r = await run(args);
        expect(r.code, r.stderr).toBe(0);
        expect(r.stderr).toContain('longer than 64 KiB');
      }
      const orderno = await paidOrder(t, 1000);
      intended.set(orderno, 0);
      const r = await run(['--yes', 'refund', orderno, '--amount', '1.00']);
      expect(r.code, r.stderr).toBe(0);
      intended.set(orderno, 1);
    } finally {
      writeFileSync(file, saved);
    }
  }, 120_000);
});

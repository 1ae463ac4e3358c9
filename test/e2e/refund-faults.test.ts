import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnTerm } from '../helpers/pty.js';
import { journalOf, paidOrder, sandboxRefunds } from '../integration/refund-harness.js';
import { faultSuite } from './refund-fault-harness.js';

// Faults: batches moved, resolve misconfigured, a changed byte, unsafe numbers, a refused
// connection, every printed hint, a huge journal line (the fault-and-race suite, part 2).
const s = faultSuite();
const { intended, hints, run } = s;
const journalText = () => s.journalText();

describe('refunds: no second refund whatever fails', () => {
  it('a batch run again 20 minutes later with rows moved and a row added sends only the new row', async () => {
    const [a, b, c, d] = await Promise.all([1, 2, 3, 4].map(() => paidOrder(s.t, 1000)));
    for (const o of [a, b, c, d]) intended.set(o as string, 1);
    const csv = path.join(s.t.root, 'daily.csv');
    writeFileSync(csv, `orderno,amount_fen\n${a},100\n${b},100\n${c},100\n`);
    const first = await run(['--yes', 'refund', '--batch', csv]);
    expect(first.code, first.stderr).toBe(0);
    writeFileSync(csv, `orderno,amount_fen\n${d},100\n${c},100\n${a},100\n${b},100\n`);
    const later = await run(['--json', '--yes', 'refund', '--batch', csv], { later: true });
    expect([0, 1], later.stderr).toContain(later.code);
    for (const o of [a, b, c, d]) expect(sandboxRefunds(s.t, o as string)).toHaveLength(1);
    // identical rows are refused unless a column tells them apart; an again column does
    writeFileSync(csv, `orderno,amount_fen\n${a},200\n${a},200\n`);
    const twice = await run(['--yes', 'refund', '--batch', csv]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('again column');
    writeFileSync(csv, `orderno,amount_fen,again\n${a},200,1\n${a},200,2\n`);
    intended.set(a as string, 3);
    expect((await run(['--yes', 'refund', '--batch', csv])).code).toBe(0);
    expect((await run(['--yes', 'refund', '--batch', csv], { later: true })).code).toBe(0);
    expect(sandboxRefunds(s.t, a as string)).toHaveLength(3);
    // a row whose refund failed for certain (…91: accepted, then failed) is skipped on a re-run,
    // and sent again under the next attempt's number only with --retry-failed
    const e = await paidOrder(s.t, 1000);
    intended.set(e, 2);
    writeFileSync(csv, `orderno,amount_fen\n${e},191\n`);
    expect((await run(['--yes', 'refund', '--batch', csv])).code).toBe(0);
    const failed = async () =>
      (await journalOf(s.t).find({ orderno: e, txn: 'refund' }))[0]?.state === 'failure';
    for (let i = 0; i < 50 && !(await failed()); i++) {
      await run(['refund', '--resume', sandboxRefunds(s.t, e)[0]?.refundno as string]);
    }
    const skipped = await run(['--json', '--yes', 'refund', '--batch', csv], { later: true });
    expect(JSON.parse(skipped.stdout).summary.skipped.rows, skipped.stdout).toBe(1);
    expect(sandboxRefunds(s.t, e)).toHaveLength(1);
    const retried = await run(['--json', '--yes', 'refund', '--batch', csv, '--retry-failed'], {
      later: true,
    });
    expect([0, 1], retried.stderr).toContain(retried.code);
    const records = sandboxRefunds(s.t, e);
    expect(records).toHaveLength(2);
    expect(records[1]?.refundno).not.toBe(records[0]?.refundno);
  }, 120_000);

  it('resolve under a wrong busino stops and names the merchant, records nothing; corrected, it settles; no second refund', async () => {
    const orderno = await paidOrder(s.t, 1000);
    intended.set(orderno, 1);
    // …93: the refund is recorded, the connection dropped: outcome unknown
    const r = await run(['--yes', 'refund', orderno, '--amount', '1.93']);
    expect(r.code).toBe(3);
    const config = readFileSync(s.t.configPath, 'utf8');
    const busino = JSON.parse(config).profiles.sandbox.busino as string;
    writeFileSync(s.t.configPath, config.replace(`"busino": "${busino}"`, '"busino": "WRONG000000000"'));
    try {
      const wrong = await run(['--json', 'journal', 'resolve']);
      expect(wrong.code).toBe(2);
      expect(JSON.parse(wrong.stdout).error.code).toBe('RESOLVE_CONFIG');
      expect(wrong.stderr + wrong.stdout).toContain('busino');
      expect(journalText()).not.toMatch(/"state":"failure","respcode":"10003"/);
    } finally {
      writeFileSync(s.t.configPath, config);
    }
    const right = await run(['--json', 'journal', 'resolve']);
    expect(right.code, right.stderr).toBe(0);
    const again = await run(['--yes', 'refund', orderno, '--amount', '1.93'], { later: true });
    expect([0, 2]).toContain(again.code);
    expect(sandboxRefunds(s.t, orderno)).toHaveLength(1);
  }, 60_000);

  it('one changed byte in a refund line: the line is damaged, every refund is refused until it is dismissed', async () => {
    const orderno = await paidOrder(s.t, 1000);
    intended.set(orderno, 1);
    expect((await run(['--yes', 'refund', orderno, '--amount', '1.00', '--wait', '10'])).code).toBe(0);
    const text = journalText();
    const at = text.lastIndexOf(`"orderno":"${orderno}"`) + '"orderno":"'.length + orderno.length - 1;
    const digit = text[at] as string;
    writeFileSync(journalOf(s.t).file, text.slice(0, at) + (digit === '1' ? '2' : '1') + text.slice(at + 1));
    const r = await run(['--json', '--yes', 'refund', orderno, '--amount', '1.00'], { later: true });
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error.code).toBe('JOURNAL_DAMAGED');
    expect(r.stdout + r.stderr).toContain('checksum');
    expect(sandboxRefunds(s.t, orderno)).toHaveLength(1);
    // restore the byte: the line reads again and the refund is found (a second needs --again)
    writeFileSync(journalOf(s.t).file, text);
    expect((await run(['--yes', 'refund', orderno, '--amount', '1.00'])).code).toBe(2);
    expect(sandboxRefunds(s.t, orderno)).toHaveLength(1);
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
    const orderno = await paidOrder(s.t, 1000);
    intended.set(orderno, 1);
    const o = s.t.sandbox.order(orderno);
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
    const config = readFileSync(s.t.configPath, 'utf8');
    const closed = 'http://127.0.0.1:9';
    writeFileSync(s.t.configPath, config.replace(s.t.baseUrl, closed));
    try {
      const r = await run(['--json', '--yes', 'refund', orderno, '--amount', '1.00', ...given]);
      expect(r.code, r.stdout + r.stderr).toBe(7);
      expect(r.stdout + r.stderr).toContain('nothing was sent; safe to run again');
      expect(JSON.parse(r.stdout).exitCode).toBe(7);
      const entry = (await journalOf(s.t).find({ orderno, txn: 'refund' }))[0];
      expect(entry?.state).toBe('not_sent');
      const pending = await run(['--json', 'journal', 'pending']);
      expect(JSON.parse(pending.stdout).entries.map((e: { orderno: string }) => e.orderno)).not.toContain(
        orderno,
      );
    } finally {
      writeFileSync(s.t.configPath, config);
    }
    expect((await run(['--yes', 'refund', orderno, '--amount', '1.00', ...given])).code).toBe(0);
    expect(sandboxRefunds(s.t, orderno)).toHaveLength(1);
  }, 60_000);

  it('every command imp printed for the operator, run as printed from another directory under -c/-p, does what it says', async () => {
    // a config whose default profile is not the one used: a hint without -p would act on the wrong one
    const alt = path.join(s.t.root, 'alt.config.json');
    const cfg = JSON.parse(readFileSync(s.t.configPath, 'utf8'));
    cfg.profiles.elsewhere = { ...cfg.profiles.sandbox, baseUrl: 'http://127.0.0.1:9' };
    cfg.defaultProfile = 'elsewhere';
    writeFileSync(alt, JSON.stringify(cfg, null, 2));
    const g = ['-c', 'alt.config.json', '-p', 'sandbox'];
    const bare = { bare: true };
    // an unknown outcome, a pending refund, a duplicate, the journal's pending list, a damaged line
    const unknown = await paidOrder(s.t, 1000);
    const pendingOrder = await paidOrder(s.t, 1000);
    intended.set(unknown, 1);
    intended.set(pendingOrder, 2); // the --again hint, run as printed, sends the second on purpose
    await run([...g, '--yes', 'refund', unknown, '--amount', '1.93'], bare);
    await run([...g, 'journal', 'pending'], bare);
    await run([...g, '--yes', 'refund', pendingOrder, '--amount', '1.00', '--wait', '10'], bare);
    await run([...g, '--yes', 'refund', pendingOrder, '--amount', '1.00'], bare);
    writeFileSync(
      journalOf(s.t).file,
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
    expect(sandboxRefunds(s.t, unknown)).toHaveLength(1);
  }, 120_000);

  it('a 300 MB line in the journal: imp journal, pending and refund stay in bounded memory and report it as damaged', async () => {
    const file = journalOf(s.t).file;
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
      const orderno = await paidOrder(s.t, 1000);
      intended.set(orderno, 0);
      const r = await run(['--yes', 'refund', orderno, '--amount', '1.00']);
      expect(r.code, r.stderr).toBe(0);
      intended.set(orderno, 1);
    } finally {
      writeFileSync(file, saved);
    }
  }, 120_000);
});

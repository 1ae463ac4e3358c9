import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cstParts } from '../../src/core/time.js';
import { buildReconCsv } from '../../src/sandbox/recon-files.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { imp, journalOf, paidOrder, sandboxRefunds } from './refund-harness.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox({ refundDelayMs: 100 });
});
afterAll(async () => {
  await t?.close();
});

/**
 * Append a line as a killed writer leaves it (a begin line cut short) followed by
 * the newline the next writer puts after it; returns its 1-based line number.
 */
async function appendFragment(orderno: string): Promise<number> {
  const file = journalOf(t).file;
  await mkdir(path.dirname(file), { recursive: true });
  const before = await readFile(file, 'utf8').catch(() => '');
  const whole = JSON.stringify({
    type: 'begin',
    txn: 'refund',
    orderno,
    refundno: 'R-LOST-1',
    amount: 100,
    id: 'x',
  });
  await appendFile(file, `${whole.slice(0, whole.indexOf('"amount"') + 5)}\n`);
  // the writer ends every line with a newline: the next line's number is one past the last
  return before === '' ? 1 : before.split('\n').length;
}

describe('a damaged journal line is reported, never silently skipped', () => {
  it('imp refund refuses (exit 2) an order a damaged line mentions, sends nothing, even with --force; another order goes ahead with a warning', async () => {
    const damagedOrder = await paidOrder(t, 1000);
    const other = await paidOrder(t, 1000);
    const file = journalOf(t).file;
    const lineNo = await appendFragment(damagedOrder);

    const r = await imp(t, ['--json', '--yes', 'refund', damagedOrder, '--amount', '1.00']);
    expect(r.code).toBe(2);
    expect(r.error?.code).toBe('JOURNAL_DAMAGED');
    expect(r.error?.message).toContain(`journal ${file}: line ${lineNo} mentions order ${damagedOrder}`);
    expect(r.error?.message).toContain('refund history cannot be read completely');
    expect(r.error?.ids.orderno).toBe(damagedOrder);
    // under --json the hints are in the failure document, as the binary prints it
    expect(r.json.hints.join('\n')).toContain('fsynced before sending');
    expect(r.error?.details.damaged).toEqual([
      { line: lineNo, reason: 'not-json', excerpt: expect.stringContaining(damagedOrder) },
    ]);
    expect(sandboxRefunds(t, damagedOrder)).toHaveLength(0);
    expect(await journalOf(t).find({ orderno: damagedOrder, txn: 'refund' })).toEqual([]);

    const forced = await imp(t, ['--yes', 'refund', damagedOrder, '--amount', '1.00', '--force']);
    expect(forced.code).toBe(2);
    expect(forced.error?.code).toBe('JOURNAL_DAMAGED');
    expect(sandboxRefunds(t, damagedOrder)).toHaveLength(0);

    const ok = await imp(t, ['--json', '--yes', 'refund', other, '--amount', '1.00']);
    expect(ok.code).toBe(0);
    expect(ok.json.refund.orderno).toBe(other);
    expect(ok.stderr).toContain(
      `journal ${file}: 1 unreadable line skipped (first: line ${lineNo}, not JSON; once looked at, imp -c ${t.env.IMP_CONFIG} -p sandbox journal dismiss ${lineNo})`,
    );
    expect(sandboxRefunds(t, other)).toHaveLength(1);
  });

  it('a damaged line naming the given --refund-no refuses too', async () => {
    const orderno = await paidOrder(t, 500);
    const file = journalOf(t).file;
    await appendFile(file, '{"type":"begin","txn":"refund","refundno":"R-NAMED-7","amo\n');
    const r = await imp(t, ['--yes', 'refund', orderno, '--amount', '1.00', '--refund-no', 'R-NAMED-7']);
    expect(r.code).toBe(2);
    expect(r.error?.code).toBe('JOURNAL_DAMAGED');
    expect(r.error?.message).toContain(`or refund R-NAMED-7`);
    expect(sandboxRefunds(t, orderno)).toHaveLength(0);
  });

  it('imp journal dismiss records that a line was looked at: the refund then goes ahead, the journal only grows', async () => {
    const orderno = await paidOrder(t, 900);
    const file = journalOf(t).file;
    const lineNo = await appendFragment(orderno);
    expect((await imp(t, ['--yes', 'refund', orderno, '--amount', '1.00'])).error?.code).toBe(
      'JOURNAL_DAMAGED',
    );
    const before = await readFile(file, 'utf8');

    // not a terminal and no --yes: asks nothing, changes nothing
    const unasked = await imp(t, ['journal', 'dismiss', String(lineNo)]);
    expect(unasked.code).toBe(2);
    expect(unasked.error?.code).toBe('CONFIRM_NEEDED');
    // a readable line, or a line that is not there, cannot be dismissed
    const good = before.split('\n').findIndex((l) => l.startsWith('{"type":"begin"') && l.endsWith('}')) + 1;
    expect(good).toBeGreaterThan(0);
    const readable = await imp(t, ['--yes', 'journal', 'dismiss', String(good)]);
    expect(readable.code).toBe(2);
    expect(readable.error?.code).toBe('NOT_DAMAGED');
    expect(readable.error?.message).toContain(`unreadable: line `);
    expect(await readFile(file, 'utf8')).toBe(before);

    const dismissed = await imp(t, ['--json', '--yes', 'journal', 'dismiss', String(lineNo)]);
    expect(dismissed.code).toBe(0);
    expect(dismissed.json).toMatchObject({ ok: true, journal: file, line: lineNo, reason: 'not-json' });
    const after = await readFile(file, 'utf8');
    expect(after.startsWith(before)).toBe(true);
    expect(JSON.parse(after.slice(before.length))).toMatchObject({ type: 'dismiss', line: lineNo });
    // dismissed once is dismissed: a second time names it as not open
    expect((await imp(t, ['--yes', 'journal', 'dismiss', String(lineNo)])).error?.code).toBe('NOT_DAMAGED');

    const refund = await imp(t, ['--json', '--yes', 'refund', orderno, '--amount', '1.00']);
    expect(refund.code).toBe(0);
    expect(sandboxRefunds(t, orderno)).toHaveLength(1);
  });

  it('imp refund --batch refuses only the rows whose order a damaged line mentions', async () => {
    const damagedOrder = await paidOrder(t, 800);
    const fine = await paidOrder(t, 800);
    const lineNo = await appendFragment(damagedOrder);
    const csv = path.join(t.root, 'damaged-batch.csv');
    await writeFile(csv, `orderno,amount_fen\n${damagedOrder},100\n${fine},200\n`);
    const r = await imp(t, ['--json', '--yes', 'refund', '--batch', csv]);
    expect(r.code).toBe(1);
    // the journal is read before the batch is confirmed: its warning comes before the question
    expect(r.stderr).toMatch(/unreadable line[\s\S]*refunds, total/);
    expect(r.json.summary.refused.rows).toBe(1);
    const problems = r.json.problems as { orderno: string; outcome: string; error?: string }[];
    expect(problems.map((x) => [x.orderno, x.outcome])).toEqual([[damagedOrder, 'refused']]);
    expect(problems[0]?.error).toContain(`line ${lineNo} mentions order ${damagedOrder}`);
    expect(r.json.summary.success.rows + r.json.summary.pending.rows).toBe(1);
    expect(sandboxRefunds(t, damagedOrder)).toHaveLength(0);
    expect(sandboxRefunds(t, fine)).toHaveLength(1);
  });

  it('imp journal, pending, resolve, the query batch and recon check --journal warn once on stderr and go on; --json stays one document', async () => {
    const file = journalOf(t).file;
    await appendFragment('imp-journal-warning-order');
    // a good line after the fragment is still listed
    const j = journalOf(t);
    await j.begin({ txn: 'query', orderno: 'imp-after-the-fragment' });
    await j.close();
    // the tests above left fragments too: count every line that is not a whole object
    const lines = (await readFile(file, 'utf8')).split('\n');
    // less those an earlier test dismissed
    const dismissed = new Set(
      lines.filter((l) => l.startsWith('{"type":"dismiss"')).map((l) => JSON.parse(l).line as number),
    );
    const open = lines.map((l, i) => (l !== '' && !l.endsWith('}') && !dismissed.has(i + 1) ? i + 1 : 0));
    const first = open.find((n) => n > 0) ?? 0;
    const count = open.filter((n) => n > 0).length;
    expect(count).toBeGreaterThanOrEqual(1);
    const warning = `journal ${file}: ${count} unreadable line${count === 1 ? '' : 's'} skipped (first: line ${first}, not JSON; once looked at, imp -c ${t.env.IMP_CONFIG} -p sandbox journal dismiss ${first})`;

    const list = await imp(t, ['--json', 'journal', '--limit', '100']);
    expect(list.code).toBe(0);
    expect(list.stderr).toContain(warning);
    expect(list.stderr.trim().split('\n')).toHaveLength(1);
    expect(list.stdout).not.toContain('unreadable');
    expect(list.json.entries.map((e: { orderno: string }) => e.orderno)).toContain('imp-after-the-fragment');

    const human = await imp(t, ['journal']);
    expect(human.code).toBe(0);
    expect(human.stderr).toContain(warning);
    expect(human.stdout).not.toContain('unreadable');

    const pending = await imp(t, ['--json', 'journal', 'pending']);
    expect(pending.code).toBe(0);
    expect(pending.stderr).toContain(warning);
    expect(pending.json.entries.map((e: { orderno: string }) => e.orderno)).toContain(
      'imp-after-the-fragment',
    );

    // resolve and the query batch read it too: same one line, and they do their work
    const resolve = await imp(t, ['--json', 'journal', 'resolve']);
    expect(resolve.stderr).toContain(warning);
    expect(resolve.json.entries.map((e: { orderno: string }) => e.orderno)).toContain(
      'imp-after-the-fragment',
    );
    const csv = path.join(t.root, 'damaged-queries.csv');
    await writeFile(csv, 'orderno\nimp-after-the-fragment\n');
    const batch = await imp(t, ['--json', 'query', '--batch', csv]);
    expect(batch.stderr).toContain(warning);
    expect(batch.json.rows).toBe(1);
    // a single query settles the journal from its answer: it reads the journal, so it warns too (once)
    const paid = await paidOrder(t, 1000);
    const single = await imp(t, ['--json', 'query', paid]);
    expect(single.code).toBe(0);
    expect(single.stderr.split(warning)).toHaveLength(2);

    // recon check's ledger from the journal: a bank file of the day with no lines
    const bank = path.join(t.root, `DZ_${t.sandbox.identity.busino}_${cstParts().date}.csv`);
    await writeFile(bank, buildReconCsv([], 0).text);
    const recon = await imp(t, ['--json', 'recon', 'check', bank, '--journal']);
    expect(recon.stderr).toContain(warning);
    expect(recon.json.summary.ledger.source).toBe(`journal:${file}`);
  });
});

import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { imp, paidOrder } from './refund-harness.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox({ profile: { http: { timeoutMs: 2000 } } });
});
afterAll(async () => {
  await t?.close();
});

const ordernos = (csv: string) =>
  csv
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(',')[1]);

describe('imp query --batch: results, --refresh, reasons, --rate', () => {
  it('writes results in the input order, and --refresh asks final rows again', async () => {
    const a = await paidOrder(t, 1000);
    const b = await paidOrder(t, 1000);
    const c = await paidOrder(t, 1000);
    const first = path.join(t.root, 'first.csv');
    await writeFile(first, `orderno\n${a}\n`);
    expect((await imp(t, ['query', '--batch', first])).code).toBe(0);

    // a is final in the journal now: its row finishes at once, before the queries above it
    const file = path.join(t.root, 'ordered.csv');
    await writeFile(file, `orderno\n${b}\n${c}\nimp-no-such-order\n${a}\n`);
    const out = path.join(t.root, 'ordered.csv.out.csv');
    const r = await imp(t, ['--json', 'query', '--batch', file, '--concurrency', '4', '--out', out]);
    expect(r.json.summary).toMatchObject({ success: 2, failure: 1, skipped: 1 });
    expect(ordernos(await readFile(out, 'utf8'))).toEqual([b, c, 'imp-no-such-order', a]);

    const fresh = await imp(t, ['--json', 'query', '--batch', file, '--refresh', '--out', out]);
    expect(fresh.json.summary).toMatchObject({ success: 3, failure: 1, skipped: 0 });
    expect(ordernos(await readFile(out, 'utf8'))).toEqual([b, c, 'imp-no-such-order', a]);
  });

  it("shows a failed row's respcode and message in the problem table", async () => {
    const file = path.join(t.root, 'failed.csv');
    await writeFile(file, 'orderno\nimp-never-paid-1\n');
    const out = path.join(t.root, 'failed.json');
    const json = await imp(t, ['--json', 'query', '--batch', file, '--refresh', '--out', out]);
    expect(json.code).toBe(1);
    const [row] = JSON.parse(await readFile(out, 'utf8'));
    expect(row.outcome).toBe('failure');
    expect(row.respcode).toMatch(/\S/);
    const text = await imp(t, ['query', '--batch', file, '--refresh']);
    expect(text.stdout).toContain('failed.csv:2');
    expect(text.stdout).toContain(`${row.respcode} ${row.respmsg}`);
  });

  it('--rate spaces the requests (8 rows at 10/s take at least 0.7 s); a bad --rate is a usage error', async () => {
    const file = path.join(t.root, 'rate.csv');
    await writeFile(file, `orderno\n${Array.from({ length: 8 }, (_, i) => `imp-rate-${i}`).join('\n')}\n`);
    const started = performance.now();
    const r = await imp(t, ['--json', 'query', '--batch', file, '--concurrency', '8', '--rate', '10/s']);
    expect(performance.now() - started).toBeGreaterThanOrEqual(700);
    expect(r.json.rows).toBe(8);
    const bad = await imp(t, ['query', '--batch', file, '--rate', 'fast']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--rate');
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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

describe('imp query --batch: the journal before the wire', () => {
  let slow: TestSandbox;
  let relay: Server;
  /** For each request the platform received: was its order's begin line in the journal then? */
  const seen: { orderno: string; journaled: boolean }[] = [];
  const journalFile = () => path.join(slow.root, 'journal', 'sandbox.jsonl');
  beforeAll(async () => {
    // the platform behind a relay that reads the journal as each request arrives
    slow = await startTestSandbox({ latencyMs: 20 });
    const target = new URL(slow.baseUrl);
    relay = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        const orderno = new URLSearchParams(body).get('orderno') ?? '';
        const journal = existsSync(journalFile()) ? readFileSync(journalFile(), 'utf8') : '';
        const journaled = journal
          .split('\n')
          .some((l) => l.includes('"type":"begin"') && l.includes(`"orderno":"${orderno}"`));
        seen.push({ orderno, journaled });
        const up = request(
          {
            host: target.hostname,
            port: target.port,
            path: req.url,
            method: req.method,
            headers: req.headers,
          },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        up.on('error', () => res.destroy());
        up.end(body);
      });
    });
    await new Promise<void>((r) => relay.listen(0, '127.0.0.1', r));
    const via = new URL(slow.baseUrl);
    via.port = String((relay.address() as AddressInfo).port);
    const config = JSON.parse(await readFile(slow.configPath, 'utf8'));
    config.profiles.sandbox.baseUrl = via.href;
    config.profiles.sandbox.journal = { dir: path.join(slow.root, 'journal') };
    await writeFile(slow.configPath, JSON.stringify(config));
  });
  afterAll(async () => {
    relay?.closeAllConnections();
    await new Promise((r) => relay?.close(r));
    await slow?.close();
  });

  it("every query's begin line is in the journal file before its request reaches the platform", async () => {
    const file = path.join(slow.root, 'wire.csv');
    const orders = Array.from({ length: 12 }, (_, i) => `imp-wire-${i}`);
    await writeFile(file, `orderno\n${orders.join('\n')}\n`);
    const r = await imp(slow, ['--json', 'query', '--batch', file, '--concurrency', '4', '--rate', 'off']);
    expect(r.json.rows).toBe(12);
    expect([...seen].sort((a, b) => a.orderno.localeCompare(b.orderno))).toEqual(
      [...orders].sort().map((orderno) => ({ orderno, journaled: true })),
    );
    // and each outcome line follows its begin line
    const lines = (await readFile(journalFile(), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    for (const o of orders) {
      const begin = lines.findIndex((l) => l.type === 'begin' && l.orderno === o);
      const finish = lines.findIndex((l) => l.type === 'finish' && l.id === lines[begin]?.id);
      expect(begin).toBeGreaterThanOrEqual(0);
      expect(finish).toBeGreaterThan(begin);
    }
  });
});

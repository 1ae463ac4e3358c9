import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type SandboxHandle, type SandboxOptions, startSandbox } from '../../src/sandbox/index.js';
import { callSandbox, qrOrder } from '../helpers/sandbox.js';

const root = mkdtempSync(path.join(tmpdir(), 'imp-sandbox-faults-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A sandbox in `<root>/<dir>` with these options (no SFTP, no recon files), closed after `fn`. */
async function withSandbox(
  dir: string,
  options: Partial<SandboxOptions>,
  fn: (sb: SandboxHandle) => Promise<void>,
): Promise<void> {
  const sb = await startSandbox({
    dataDir: path.join(root, dir),
    sftpPort: false,
    publishRecon: false,
    ...options,
  });
  try {
    await fn(sb);
  } finally {
    await sb.close();
  }
}

/** Outcome of each of `n` queries: drop, 500, bad signature or a good signed answer. */
async function run(dir: string, n: number): Promise<string[]> {
  const seen: string[] = [];
  const rates = { seed: 7, dropRate: 0.2, errorRate: 0.2, badSignRate: 0.2 };
  await withSandbox(dir, rates, async (sb) => {
    for (let i = 0; i < n; i++) {
      try {
        const a = await callSandbox(sb, 'query', { orderno: 'none' });
        seen.push(a.status === 500 ? '500' : a.valid ? 'ok' : 'bad-sign');
      } catch {
        seen.push('drop');
      }
    }
  });
  return seen;
}

describe('fault injection', () => {
  it('is deterministic for a seed and produces every fault kind', async () => {
    const a = await run('a', 40);
    const b = await run('b', 40);
    expect(a).toEqual(b);
    for (const kind of ['ok', 'drop', '500', 'bad-sign']) expect(a).toContain(kind);
  });

  it('latency holds every answer; a client with a shorter timeout gives up', async () => {
    await withSandbox('slow', { latencyMs: 800 }, async (sb) => {
      await expect(callSandbox(sb, 'query', { orderno: 'none' }, { timeoutMs: 100 })).rejects.toThrow();
      const a = await callSandbox(sb, 'query', { orderno: 'none' }, { timeoutMs: 5000 });
      expect(a.valid).toBe(true);
    });
  });

  it('latency is the answer time: the platform has done the work while the answer is on its way', async () => {
    await withSandbox('answer-time', { latencyMs: 1500 }, async (sb) => {
      const order = async (orderno: string) =>
        (await fetch(`http://127.0.0.1:${sb.port}/_sandbox/orders/${orderno}`)).status;
      const req = qrOrder(1202);
      const started = performance.now();
      await expect(callSandbox(sb, 'pay', req, { timeoutMs: 300 })).rejects.toThrow();
      // the order exists long before its answer would have left: sent, answer unknown
      expect(await order(req.orderno)).toBe(200);
      expect(performance.now() - started).toBeLessThan(1200);
      const q = performance.now();
      const a = await callSandbox(sb, 'query', { orderno: req.orderno }, { timeoutMs: 5000 });
      expect([a.valid, a.fields.status]).toEqual([true, '1']);
      expect(performance.now() - q).toBeGreaterThanOrEqual(1490);
    });
  });
});

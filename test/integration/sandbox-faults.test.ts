import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import { callSandbox } from '../helpers/sandbox.js';

const root = mkdtempSync(path.join(tmpdir(), 'imp-sandbox-faults-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Outcome of each of `n` queries: drop, 500, bad signature or a good signed answer. */
async function run(dir: string, n: number): Promise<string[]> {
  const sb = await startSandbox({
    dataDir: path.join(root, dir),
    sftpPort: false,
    publishRecon: false,
    seed: 7,
    dropRate: 0.2,
    errorRate: 0.2,
    badSignRate: 0.2,
  });
  const seen: string[] = [];
  try {
    for (let i = 0; i < n; i++) {
      try {
        const a = await callSandbox(sb, 'query', { orderno: 'none' });
        seen.push(a.status === 500 ? '500' : a.valid ? 'ok' : 'bad-sign');
      } catch {
        seen.push('drop');
      }
    }
  } finally {
    await sb.close();
  }
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
    const sb = await startSandbox({
      dataDir: path.join(root, 'slow'),
      sftpPort: false,
      publishRecon: false,
      latencyMs: 800,
    });
    try {
      await expect(callSandbox(sb, 'query', { orderno: 'none' }, { timeoutMs: 100 })).rejects.toThrow();
      const a = await callSandbox(sb, 'query', { orderno: 'none' }, { timeoutMs: 5000 });
      expect(a.valid).toBe(true);
    } finally {
      await sb.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { paidOrder, sandboxRefunds } from './refund-harness.js';

// HTTP 500 from the platform: a query is asked again (got's retry, backoff with jitter); a refund
// is sent once and only once.
let failing: TestSandbox;
let t: TestSandbox;
beforeAll(async () => {
  failing = await startTestSandbox({ errorRate: 1, profile: { http: { timeoutMs: 2000 } } });
  t = await startTestSandbox({ profile: { http: { timeoutMs: 2000 } } });
});
afterAll(async () => {
  await failing?.close();
  await t?.close();
});

describe('retries after HTTP 500', () => {
  it('a query is retried twice, then exit 3', async () => {
    const r = await failing.runCli(['--verbose', 'query', 'imp-retry-query-1']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('(retry 1/2)');
    expect(r.stderr).toContain('(retry 2/2)');
  });

  it('a refund answered with HTTP 500 is never retried: one attempt, exit 3', async () => {
    const orderno = await paidOrder(t, 1000);
    // refund_amt ending in 95: the sandbox answers HTTP 500 and records no refund
    const r = await t.runCli(['--verbose', '--yes', 'refund', orderno, '--amount', '1.95']);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain('HTTP 500');
    expect(r.stderr.match(/← HTTP 500/g)).toHaveLength(1);
    expect(r.stderr).not.toContain('retry');
    expect(sandboxRefunds(t, orderno)).toHaveLength(0);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cstParts } from '../../src/core/time.js';
import { generateOrderNo } from '../../src/protocol/ids.js';
import { runImp } from '../helpers/cli.js';
import { callSandbox, qrOrder, startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

// `imp sandbox pay|settle` act on the profile's sandbox or the data dir's, never on whatever
// answers on a fixed port. The decoy is such another sandbox: it must see no request.
let t: TestSandbox;
let decoy: Server;
const decoyHits: string[] = [];
const bare = mkdtempSync(path.join(tmpdir(), 'imp-no-config-'));

beforeAll(async () => {
  t = await startTestSandbox();
  decoy = createServer((req, res) => {
    decoyHits.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ order: { transno: 'DECOY', amount: 1, status: '0' } }));
  });
  await new Promise<void>((r) => decoy.listen(0, '127.0.0.1', r));
});
afterAll(async () => {
  await t?.close();
  if (decoy) await new Promise((r) => decoy.close(r));
  rmSync(bare, { recursive: true, force: true });
});

// no config anywhere: a cwd without imp.config.json, and a HOME without ~/.config/imp
const noConfigEnv = { IMP_CONFIG: '', IMP_PROFILE: '', HOME: bare, XDG_CONFIG_HOME: '' };

async function pendingOrder(): Promise<string> {
  const orderno = generateOrderNo();
  // …02 stays awaiting payment until someone pays it
  const made = await callSandbox(t.sandbox, 'qrcode', qrOrder(102, { orderno }));
  expect(made.fields.status).toBe('1');
  return orderno;
}

describe('imp sandbox pay / settle find their sandbox', () => {
  it("pay: the profile's baseUrl (IMP_CONFIG), not a default port", async () => {
    const orderno = await pendingOrder();
    const r = await t.runCli(['sandbox', 'pay', orderno]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain(`order ${orderno} paid`);
    expect(t.sandbox.order(orderno)?.status).toBe('0');
    expect(decoyHits).toEqual([]);
  });

  it('pay: -c <config> from another directory', async () => {
    const orderno = await pendingOrder();
    const r = await runImp(['-c', t.configPath, 'sandbox', 'pay', orderno], { cwd: bare, env: noConfigEnv });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(t.sandbox.order(orderno)?.status).toBe('0');
  });

  it("pay: without a config, imp sandbox --data <dir>'s sandbox.json", async () => {
    const orderno = await pendingOrder();
    const r = await runImp(['sandbox', 'pay', orderno, '--data', t.dataDir], { cwd: bare, env: noConfigEnv });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(t.sandbox.order(orderno)?.status).toBe('0');
    expect(decoyHits).toEqual([]);
  });

  it("settle: the profile's sandbox writes the file", async () => {
    const r = await t.runCli(['--json', 'sandbox', 'settle', '--date', cstParts().date]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).path).toContain(t.dataDir);
    expect(decoyHits).toEqual([]);
  });

  it('--url still wins (here: the decoy)', async () => {
    const port = (decoy.address() as AddressInfo).port;
    const r = await t.runCli(['sandbox', 'pay', 'X1', '--url', `http://127.0.0.1:${port}/`]);
    expect(r.code).toBe(0);
    expect(decoyHits).toEqual(['POST /_sandbox/pay']);
    decoyHits.length = 0;
  });

  it('no config and no sandbox.json: one line saying which flags choose one (exit 2)', async () => {
    const r = await runImp(['sandbox', 'pay', 'X1'], { cwd: bare, env: noConfigEnv });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(
      'error: which sandbox? no config file found and no ./.imp-sandbox/sandbox.json',
    );
    expect(r.stderr).toContain('--data <dir>');
  });
});

import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOrderNo } from '../../src/protocol/ids.js';
import { IMP_BIN } from '../helpers/cli.js';
import { callSandbox, qrOrder, startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { until } from '../helpers/wait.js';

// The built CLI against an in-process sandbox: sandbox → listen, send → listen, replay.
let t: TestSandbox;

interface Listening {
  child: ChildProcessWithoutNullStreams;
  url: string;
  lines: string[];
  stop(): Promise<number | null>;
}

function startListen(args: string[]): Promise<Listening> {
  const child = spawn(process.execPath, [IMP_BIN, 'notify', 'listen', '--port', '0', ...args], {
    cwd: t.root,
    env: { ...process.env, ...t.env, NO_COLOR: '1', LANG: 'en_US.UTF-8' },
  });
  const lines: string[] = [];
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    out += d;
    const parts = out.split('\n');
    out = parts.pop() ?? '';
    lines.push(...parts);
  });
  return new Promise((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`listen did not start: ${err}`)), 15_000);
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      err += d;
      const m = /listening on (http:\/\/\S+\/)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve({
          child,
          url: m[1]!,
          lines,
          stop: () =>
            new Promise((r) => {
              child.once('close', (code) => r(code));
              child.kill('SIGINT');
            }),
        });
      }
    });
    child.once('close', (code) => reject(new Error(`listen exited ${code}: ${err}`)));
  });
}

beforeAll(async () => {
  t = await startTestSandbox({ fast: true });
});
afterAll(async () => {
  await t?.close();
});

describe('imp notify (built CLI, sandbox)', () => {
  it('receives and verifies a real sandbox notification, then stops on Ctrl-C with exit 0', async () => {
    const l = await startListen([]);
    const orderno = generateOrderNo();
    await callSandbox(t.sandbox, 'qrcode', qrOrder(188, { orderno, notify_url: `${l.url}imp/notify` }));
    await until(() => l.lines.some((x) => x.includes(orderno)));
    const line = l.lines.find((x) => x.includes(orderno)) ?? '';
    expect(line).toMatch(/paid {2}1\.88 yuan {2}✔ signature/);
    expect(line).toMatch(/→ success$/);
    const n = [...t.sandbox.state.notifications.values()].find((x) => x.orderno === orderno);
    await until(() => n?.state === 'delivered');
    expect(n?.state).toBe('delivered');
    expect(await l.stop()).toBe(0);
  });

  it('send → listen with the sandbox key by default, and --replay resends byte for byte', async () => {
    const save = mkdtempSync(join(tmpdir(), 'imp-notify-cli-'));
    const l = await startListen(['--save', save, '--json']);
    const run = (args: string[]) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const c = spawn(process.execPath, [IMP_BIN, ...args], {
          cwd: t.root,
          env: { ...process.env, ...t.env, NO_COLOR: '1', LANG: 'en_US.UTF-8' },
        });
        let stdout = '';
        let stderr = '';
        c.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
        c.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
        c.on('close', (code) => resolve({ code, stdout, stderr }));
      });
    const sent = await run([
      'notify',
      'send',
      l.url,
      '--order',
      'CLI-1',
      '--amount',
      '2.50',
      '--status',
      'failed',
    ]);
    expect(sent.stdout).toContain('the handler gave the exact success reply');
    expect(sent.stderr).toContain('note: the platform notifies successful payments only');
    expect(sent.code).toBe(0);
    await until(() => l.lines.length >= 1);
    const ev = JSON.parse(l.lines[0]!);
    expect(ev).toMatchObject({
      orderno: 'CLI-1',
      valid: true,
      amount: 250,
      status: '4',
      statusText: 'payment failed',
    });
    const first = join(save, readdirSync(save).find((f) => f.endsWith('.txt'))!);
    const replay = await run(['--json', 'notify', 'send', l.url, '--replay', first]);
    expect(replay.code).toBe(0);
    expect(JSON.parse(replay.stdout)).toMatchObject({ success: true, httpStatus: 200 });
    await until(() => l.lines.length >= 2);
    expect(JSON.parse(l.lines[1]!)).toMatchObject({ orderno: 'CLI-1', repeat: true, valid: true });
    const files = readdirSync(save)
      .filter((f) => f.endsWith('.txt'))
      .sort();
    expect(files).toHaveLength(2);
    expect(readFileSync(join(save, files[1]!))).toEqual(readFileSync(join(save, files[0]!)));
    // a handler that says fail: exit 1
    const bad = await run([
      'notify',
      'send',
      l.url,
      '--key',
      join(t.dataDir, 'keys', 'merchant-private.pem'),
    ]);
    expect(bad.code).toBe(1);
    // a broken config is an error, not a silent fall-back to the sandbox's key
    const broken = join(save, 'broken.json');
    writeFileSync(broken, '{');
    const config = await run(['--json', '-c', broken, 'notify', 'send', l.url]);
    expect([config.code, JSON.parse(config.stdout).error.message]).toEqual([
      2,
      expect.stringMatching(/broken\.json: invalid JSON/),
    ]);
    expect(await l.stop()).toBe(0);
  });
});

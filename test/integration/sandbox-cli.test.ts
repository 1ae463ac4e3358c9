import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cstParts } from '../../src/core/time.js';
import { generateOrderNo } from '../../src/protocol/ids.js';
import { IMP_BIN, runImp } from '../helpers/cli.js';
import { callSandbox, qrOrder, type SandboxLike } from '../helpers/sandbox.js';

const root = mkdtempSync(path.join(tmpdir(), 'imp-sandbox-cli-'));
const data = path.join(root, 'data');
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Start `imp sandbox` and resolve once `ready` matches its stdout. */
function startCli(
  args: string[],
  ready: RegExp,
): Promise<{ child: ChildProcessWithoutNullStreams; stdout: () => string }> {
  const child = spawn(
    process.execPath,
    [IMP_BIN, 'sandbox', '--port', '0', '--sftp-port', '0', '--data', data, ...args],
    {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', LANG: 'en_US.UTF-8' },
    },
  );
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`imp sandbox did not start: ${out}`)), 20_000);
    child.stdout.setEncoding('utf8').on('data', (d) => {
      out += d;
      if (ready.test(out)) {
        clearTimeout(timer);
        resolve({ child, stdout: () => out });
      }
    });
    child.on('exit', (code) => reject(new Error(`imp sandbox exited ${code}: ${out}`)));
  });
}

const stop = (child: ChildProcessWithoutNullStreams) =>
  new Promise<number | null>((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', (code) => resolve(code));
    child.kill('SIGINT');
  });

describe('imp sandbox (the command)', () => {
  it('--json: starts, `imp sandbox pay` and `settle` drive it, Ctrl-C saves the state', async () => {
    const { child, stdout } = await startCli(['--json'], /\n}\n/);
    const info = JSON.parse(stdout());
    const apikey = readFileSync(info.apikeyFile, 'utf8').trim();
    expect(stdout()).not.toContain(apikey);
    expect(info.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/pos\/$/);
    expect(info.sftp.hostKey).toMatch(/^SHA256:/);
    const descriptor = JSON.parse(readFileSync(path.join(data, 'sandbox.json'), 'utf8'));
    const sftpPassword = readFileSync(info.sftp.passwordFile, 'utf8').trim();
    expect(stdout()).not.toContain(sftpPassword);
    const sb: SandboxLike = {
      baseUrl: info.baseUrl,
      dataDir: data,
      descriptor,
      identity: { busino: info.busino, apikey, certid: info.certid },
    };
    const orderno = generateOrderNo();
    // 02: stays awaiting payment
    const made = await callSandbox(sb, 'qrcode', qrOrder(102, { orderno }));
    expect([made.valid, made.fields.status]).toEqual([true, '1']);
    const pay = await runImp(['sandbox', 'pay', orderno, '--url', info.baseUrl]);
    expect([pay.code, pay.stdout]).toEqual([0, expect.stringContaining(`order ${orderno} paid`)]);
    const again = await runImp(['--json', 'sandbox', 'pay', orderno, '--url', info.baseUrl]);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout).error.message).toContain('not awaiting payment');
    const settle = await runImp([
      '--json',
      'sandbox',
      'settle',
      '--date',
      cstParts().date,
      '--url',
      info.baseUrl,
    ]);
    expect(settle.code).toBe(0);
    expect(JSON.parse(settle.stdout)).toMatchObject({ ok: true, count: 1 });
    expect(await stop(child)).toBe(0);
    expect(existsSync(path.join(data, 'state.json'))).toBe(true);

    // Second start on the same data dir: same identity, the paid order is still there.
    const second = await startCli([], /Ctrl-C/);
    try {
      expect(second.stdout()).toContain(info.busino);
      expect(second.stdout()).toMatch(/apikey\s+\S{2}…\S{2}\s/);
      expect(second.stdout()).not.toContain(apikey);
      expect(second.stdout()).toContain('imp config init --sandbox');
      const url = /running: (\S+)/.exec(second.stdout())?.[1] ?? '';
      const q = await callSandbox({ ...sb, baseUrl: url }, 'query', { orderno });
      expect([q.valid, q.fields.status]).toEqual([true, '0']);
    } finally {
      expect(await stop(second.child)).toBe(0);
    }
  });

  it('refuses a bad port or rate with a usage error (exit 2)', async () => {
    const r = await runImp(['sandbox', '--data', data, '--drop-rate', '2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--drop-rate');
  });
});

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IMP_BIN, runImp } from '../helpers/cli.js';

describe('the CLI frame', () => {
  it('prints help and exits 0', async () => {
    const r = await runImp(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: imp');
    for (const cmd of ['sign', 'verify', 'pay', 'refund', 'recon', 'sandbox', 'demo'])
      expect(r.stdout).toContain(cmd);
  });

  it('prints its version', async () => {
    const r = await runImp(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('exits 2 with one line for an unknown command or option (and where the help is)', async () => {
    const a = await runImp(['bogus']);
    expect(a.code).toBe(2);
    expect(a.stderr.trim().split('\n')).toEqual([
      "error: unknown command 'bogus'",
      'run imp --help for its flags, examples and exit codes',
    ]);
    const b = await runImp(['sign', '--bogus']);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain("unknown option '--bogus'");
  });

  it('reports usage errors as one JSON document under --json', async () => {
    const r = await runImp(['--json', 'completion', 'tcsh']);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ ok: false, exitCode: 2, error: { code: 'USAGE' } });
  });

  it('bad flag values and unreadable inputs: exit 2, one line naming the flag or file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'imp-frame-'));
    try {
      writeFileSync(join(dir, 'two-lines.txt'), 'root:x:0\ndaemon:x:1\n');
      const cases: [string[], RegExp][] = [
        [['notify', 'listen', '--port', '99999'], /^error: --port: '99999' is not a port number$/],
        [['sandbox', '--sftp-port', 'x'], /^error: --sftp-port: 'x' is not a port number$/],
        [['recon', 'check', dir], /^error: .*imp-frame-\w+: is a directory$/],
        [
          ['sign', '--file', 'two-lines.txt'],
          /^error: unreadable message: "root:x:0" is not a key=value pair$/,
        ],
      ];
      for (const [args, message] of cases) {
        const r = await runImp(args, { cwd: dir, env: { IMP_CONFIG: '', HOME: dir } });
        expect([args, r.code, r.stderr.trim()]).toEqual([args, 2, expect.stringMatching(message)]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a reader that goes away (imp … | head) ends the output quietly, exit 0', async () => {
    const child = spawn(process.execPath, [IMP_BIN, 'fields', 'pay', '--answer'], {
      env: { ...process.env, NO_COLOR: '1' },
    });
    child.stdout.once('data', () => child.stdout.destroy());
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect([code, stderr]).toEqual([0, '']);
  });

  it('never prints a stack trace without --debug', async () => {
    const r = await runImp(['--config', '/nonexistent/imp.json', 'config', 'show']);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('imp sandbox triggers', () => {
  it('prints the trigger table from the sandbox, in the chosen language', async () => {
    const en = await runImp(['sandbox', 'triggers']);
    expect(en.code).toBe(0);
    expect(en.stdout).toMatch(/01\s+1\.01\s+paid at once/);
    const zh = await runImp(['--lang', 'zh', 'sandbox', 'triggers']);
    expect(zh.stdout).toContain('立即支付成功');
    const json = JSON.parse((await runImp(['--json', 'sandbox', 'triggers'])).stdout);
    expect(json.refunds.map((t: { suffix: string }) => t.suffix)).toContain('91');
  });
});

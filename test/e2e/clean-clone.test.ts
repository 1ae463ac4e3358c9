import { type ChildProcessWithoutNullStreams, execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseYuan } from '../../src/core/money.js';
import { paymentOutcome } from '../../src/sandbox/triggers.js';
import { IMP_BIN, runImp } from '../helpers/cli.js';

// Following the README's "work against the sandbox yourself" inside a clone must leave
// `git status` clean: the sandbox's keys and apikey, the config and the journal are ignored.
const repo = fileURLToPath(new URL('../..', import.meta.url));
const readme = readFileSync(path.join(repo, 'README.md'), 'utf8');
const clone = mkdtempSync(path.join(tmpdir(), 'imp-clone-'));
let sandbox: ChildProcessWithoutNullStreams | undefined;
afterAll(() => {
  sandbox?.kill('SIGINT');
  rmSync(clone, { recursive: true, force: true });
});

/** The README's set-up block: each `npx imp …` line's arguments, without the comment and the `&`. */
function readmeSteps(): string[][] {
  const at = readme.indexOf('To work against the sandbox yourself:');
  const block = /```sh\n([\s\S]*?)```/.exec(readme.slice(at))?.[1] ?? '';
  return block
    .split('\n')
    .filter((l) => l.startsWith('npx imp '))
    .map((l) => l.replace(/#.*$/, '').replace(/&\s*$/, '').trim().split(/\s+/).slice(2));
}

const git = (...args: string[]) =>
  execFileSync('git', args, {
    cwd: clone,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@t',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@t',
    },
  });

function startSandbox(args: string[]): Promise<void> {
  // free ports instead of the README's 8450/8451; everything else as written
  const child = spawn(process.execPath, [IMP_BIN, ...args, '--port', '0', '--sftp-port', '0', '--json'], {
    cwd: clone,
    env: { ...process.env, NO_COLOR: '1', LANG: 'en_US.UTF-8' },
  });
  sandbox = child;
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (d) => {
      out += d;
      if (/\n}\n/.test(out)) resolve();
    });
    child.on('exit', (code) => reject(new Error(`imp sandbox exited ${code}: ${out}`)));
  });
}

describe('a clone stays clean', () => {
  it("the README's first QR code waits for the customer (not a paid-at-once trigger amount)", () => {
    const qr = readmeSteps().find((a) => a[0] === 'qrcode') ?? [];
    const amount = qr[qr.indexOf('--amount') + 1] ?? '';
    expect(paymentOutcome(parseYuan(amount))).toBe('normal');
  });

  it('following the README inside it leaves git status empty', { timeout: 60_000 }, async () => {
    copyFileSync(path.join(repo, '.gitignore'), path.join(clone, '.gitignore'));
    copyFileSync(path.join(repo, 'README.md'), path.join(clone, 'README.md'));
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'clone');
    const steps = readmeSteps();
    expect(steps.map((s) => s.slice(0, 2).join(' '))).toEqual(['sandbox', 'config init', 'qrcode --amount']);
    await startSandbox(steps[0] ?? []);
    const env = { IMP_CONFIG: '', IMP_PROFILE: '', HOME: clone, XDG_CONFIG_HOME: '' };
    for (const args of steps.slice(1)) {
      const r = await runImp(args, { cwd: clone, env, timeoutMs: 45_000 });
      expect([args.join(' '), r.code, r.stderr]).toEqual([args.join(' '), 0, expect.any(String)]);
    }
    const written = execFileSync('find', ['.', '-path', './.git', '-prune', '-o', '-type', 'f', '-print'], {
      cwd: clone,
      encoding: 'utf8',
    });
    // the steps did write keys, the config and the journal: they are ignored, not absent
    expect(written).toContain('./.imp-sandbox/sandbox.json');
    expect(written).toContain('./imp.config.json');
    expect(written).toMatch(/\.\/journal\/sandbox\.jsonl/);
    expect(git('status', '--porcelain', '--untracked-files=all')).toBe('');
  });
});

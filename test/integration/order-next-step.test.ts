import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImp } from '../helpers/cli.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

let sb: TestSandbox;
const elsewhere = mkdtempSync(path.join(tmpdir(), 'imp-elsewhere-'));
beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(async () => {
  await sb?.close();
  rmSync(elsewhere, { recursive: true, force: true });
});

// the sandbox's config, named relative to its directory and not through $IMP_CONFIG
const relative = (args: string[]) =>
  runImp(['-c', 'imp.config.json', ...args], { cwd: sb.root, env: { IMP_CONFIG: '', IMP_PROFILE: '' } });
const ORDER = ['--title', 't', '--desc', 'd'];
const ESC = '\u001b';

describe('qrcode off a terminal', () => {
  it('prints the URL alone: no drawing, no escape codes (NO_COLOR=1, a pipe)', async () => {
    const r = await relative(['qrcode', '--amount', '0.10', ...ORDER]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain(ESC);
    expect(r.stdout).not.toMatch(/[▀▄█]/);
    expect(r.stdout).toMatch(/^https?:\/\/\S+$/m);
  });

  it('--qr draws it anyway', async () => {
    const r = await relative(['qrcode', '--qr', '--amount', '0.10', ...ORDER]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/[▀▄█]/);
  });
});

describe('pay and qrcode without --wait name the next step', () => {
  for (const cmd of ['qrcode', 'pay']) {
    it(`${cmd}: imp -c <absolute config> query <no> --wait, which works from another directory`, async () => {
      const r = await relative([cmd, '--amount', '0.10', ...ORDER]);
      expect(r.code).toBe(0);
      const line = r.stderr.split('\n').find((l) => l.startsWith('next (wait for the customer to pay): '));
      const command = line?.replace(/^next \(wait for the customer to pay\): /, '') ?? '';
      expect(command).toMatch(new RegExp(`^imp -c ${sb.configPath} query \\S+ --wait$`));
      const args = command.split(' ').slice(1);
      const again = await runImp([...args.slice(0, -1), '--wait', '20', '--json'], {
        cwd: elsewhere,
        env: { IMP_CONFIG: '', IMP_PROFILE: '', HOME: elsewhere },
      });
      expect([again.code, JSON.parse(again.stdout).state]).toEqual([0, 'success']);
    });
  }

  it('--json carries it as next; --wait has none', async () => {
    const r = await relative(['--json', 'qrcode', '--amount', '0.10', ...ORDER]);
    expect(JSON.parse(r.stdout).next).toMatch(/ query \S+ --wait$/);
    const w = await relative(['--json', 'qrcode', '--amount', '0.01', ...ORDER, '--wait', '10']);
    expect(JSON.parse(w.stdout).next).toBeUndefined();
    expect(w.stderr).not.toContain('next');
  });
});

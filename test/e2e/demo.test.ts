import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_STEPS } from '../../src/commands/demo/steps.js';
import { runImp } from '../helpers/cli.js';

// `imp demo` on the built CLI: a real sandbox, SFTP server and notification listener on
// loopback, the real commands, then nothing left behind. Needs `npm run build`.
const parents: string[] = [];
afterEach(() => {
  for (const p of parents.splice(0)) rmSync(p, { recursive: true, force: true });
});

function demoParent(): string {
  const p = mkdtempSync(path.join(tmpdir(), 'imp-demo-test-'));
  parents.push(p);
  return p;
}

describe('imp demo (built CLI)', () => {
  it('walks every step of an order, exits 0 and removes its temp dir', { timeout: 90_000 }, async () => {
    const parent = demoParent();
    // the user's own configuration must not matter: the demo brings its own profile
    const r = await runImp(['demo'], {
      env: { IMP_DEMO_DIR: parent, IMP_CONFIG: path.join(parent, 'absent.json'), IMP_PROFILE: 'prod' },
      timeoutMs: 80_000,
    });
    expect(r.stderr).not.toMatch(/error:/);
    expect(r.code).toBe(0);
    const total = DEMO_STEPS.length;
    expect(total).toBe(9);
    for (const [i, step] of DEMO_STEPS.entries()) {
      expect(r.stdout).toContain(`[${i + 1}/${total}] ${step.title.en}`);
    }
    expect(r.stdout).not.toContain('skipped');
    expect(r.stdout).toMatch(/\$ imp qrcode --order imp\d+ --amount 0\.10/);
    // off a terminal the QR code is its URL alone (drawn only on a terminal or with --qr), and the
    // notification shown verified
    expect(r.stdout).toMatch(/^https?:\/\/\S+$/m);
    expect(r.stdout).not.toMatch(/[▄▀█]{5}/);
    expect(r.stdout).toMatch(/--> imp\d+ {2}qrcode .*✔ signature .*→ success/);
    // refund query's final state, the closed order and the clean reconciliation
    expect(r.stdout).toContain('refunded (status=0)');
    expect(r.stdout).toContain('order closed (order_status=0)');
    expect(r.stdout).toMatch(/DZ_\d+_\d{8}\.csv {2}\(saved/);
    expect(r.stdout).toContain('clean: no differences');
    expect(r.stdout).toContain(`demo complete: all ${total} steps ok`);

    const dir = /demo dir \(removed at the end\): (\S+)/.exec(r.stderr)?.[1];
    expect(dir).toBeDefined();
    expect(path.dirname(dir as string)).toBe(parent);
    expect(existsSync(dir as string)).toBe(false);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('--json prints one summary document with every step and the identifiers', {
    timeout: 90_000,
  }, async () => {
    const parent = demoParent();
    const r = await runImp(['demo', '--json', '--lang', 'zh'], {
      env: { IMP_DEMO_DIR: parent },
      timeoutMs: 80_000,
    });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ ok: true, exitCode: 0 });
    expect(doc.orderno).toMatch(/^imp\d{24}$/);
    expect(doc.refundno).toMatch(/^impR\d{24}$/);
    expect(doc.closedOrderno).not.toBe(doc.orderno);
    expect(doc.reconFile).toBe(`DZ_${doc.reconFile.split('_')[1]}_${doc.date}.csv`);
    expect(doc.steps.map((s: { key: string }) => s.key)).toEqual(DEMO_STEPS.map((s) => s.key));
    for (const s of doc.steps) {
      expect(s.ok).toBe(true);
      expect(s.exitCodes.every((c: number) => c === 0)).toBe(true);
    }
    expect(doc.steps[0].title).toBe(DEMO_STEPS[0]?.title.zh);
    expect(doc.steps[4].commands[0]).toContain(`--refund-no ${doc.refundno}`);
    // the commands drew on stderr, the headings too
    expect(r.stderr).toContain('[9/9]');
    expect(existsSync(doc.dir)).toBe(false);
    expect(readdirSync(parent)).toEqual([]);
  });
});

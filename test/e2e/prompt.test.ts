import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMP_BIN } from '../helpers/cli.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { paidOrder, sandboxRefunds } from '../integration/refund-harness.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox({ refundDelayMs: 100 });
});
afterAll(async () => {
  await t?.close();
});

/** Strip colours and cursor movement so the screen text can be searched. */
const plain = (s: string) => s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');

/** Drive the built CLI in a pseudo-terminal: wait for text on screen, type answers. */
async function spawnTerm(args: string[]) {
  const { default: pty } = await import('node-pty');
  const term = pty.spawn(process.execPath, [IMP_BIN, ...args], {
    name: 'xterm',
    cols: 220,
    rows: 50,
    cwd: t.root,
    env: { ...process.env, ...t.env, LANG: 'en_US.UTF-8', NO_COLOR: '1' } as Record<string, string>,
  });
  let screen = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  term.onData((d) => {
    screen += d;
    for (const w of [...waiters]) {
      if (plain(screen).includes(w.text)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  });
  const exited = new Promise<number>((resolve) => term.onExit((e) => resolve(e.exitCode)));
  const seen = (text: string) =>
    new Promise<void>((resolve, reject) => {
      if (plain(screen).includes(text)) return resolve();
      const timer = setTimeout(() => reject(new Error(`never saw '${text}' in:\n${plain(screen)}`)), 15_000);
      waiters.push({
        text,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  return { term, exited, seen, text: () => plain(screen) };
}

describe('imp refund in a pseudo-terminal', () => {
  it('prompts for the missing amount, shows the facts, asks, and refunds after the typed confirmation', async () => {
    const orderno = await paidOrder(t, 1000);
    const { seen, exited, term, text } = await spawnTerm(['refund', orderno]);
    try {
      await seen('refund amount');
      term.write('2.50\r');
      await seen('send this refund of 2.50 yuan (250 fen)');
      expect(text()).toContain('10.00 yuan (1000 fen)');
      term.write('y\r');
      expect(await exited).toBe(0);
    } finally {
      term.kill();
    }
    expect(text()).toContain('refund no');
    expect(sandboxRefunds(t, orderno).map((r) => r.amount)).toEqual([250]);
  });

  it('a second refund of the same order and amount within 10 minutes asks again; "no" sends nothing', async () => {
    const orderno = await paidOrder(t, 1000);
    expect((await t.runCli(['--yes', 'refund', orderno, '--amount', '1.00'])).code).toBe(0);
    const { seen, exited, term } = await spawnTerm(['refund', orderno, '--amount', '1.00']);
    try {
      await seen('Refund again?');
      term.write('n\r');
      expect(await exited).toBe(130);
    } finally {
      term.kill();
    }
    expect(sandboxRefunds(t, orderno)).toHaveLength(1);
  });

  it('without a terminal names every missing argument in one usage error', async () => {
    const r = await t.runCli(['refund']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('<orderno>, --amount');
  });
});

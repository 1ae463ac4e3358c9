import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Journal } from '../../src/journal/index.js';
import { IMP_BIN } from '../helpers/cli.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startTestSandbox({ profile: { returnUrl: 'http://127.0.0.1:9/return' } });
});
afterAll(async () => {
  await sb?.close();
});

it('on a terminal, pay asks for each missing argument and sends', async () => {
  const pty = await import('node-pty');
  const term = pty.spawn(process.execPath, [IMP_BIN, 'pay', '--order', `pty${Date.now()}`], {
    cols: 120,
    rows: 30,
    cwd: sb.root,
    env: { ...process.env, ...sb.env, LANG: 'en_US.UTF-8', NO_COLOR: '1' } as Record<string, string>,
  });
  let screen = '';
  const seen = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`never saw '${text}' in:\n${screen}`)), 15_000);
      const check = () => {
        if (screen.includes(text)) {
          clearTimeout(timer);
          resolve();
        } else setTimeout(check, 20);
      };
      check();
    });
  term.onData((d) => {
    screen += d;
  });
  const exited = new Promise<number>((r) => term.onExit((e) => r(e.exitCode)));
  await seen('amount (元)');
  term.write('1.2x\r'); // refused by the prompt's validation, asked again
  await seen('not an amount');
  term.write('\b5\r'); // 1.2x → 1.25
  await seen('order title');
  term.write('Prompted\r');
  await seen('order description');
  term.write('Desc\r');
  expect(await exited).toBe(0);
  const no = /order no: (pty\d+)/.exec(screen)?.[1];
  expect(no).toBeDefined();
  const [entry] = await new Journal(join(sb.root, 'journal', 'sandbox.jsonl')).find({ orderno: no });
  expect(entry).toMatchObject({ txn: 'pay', amount: 125 });
});

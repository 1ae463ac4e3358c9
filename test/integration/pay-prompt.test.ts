import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Journal } from '../../src/journal/index.js';
import { spawnTerm } from '../helpers/pty.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startTestSandbox({ profile: { returnUrl: 'http://127.0.0.1:9/return' } });
});
afterAll(async () => {
  await sb?.close();
});

it('on a terminal, pay asks for each missing argument and sends', async () => {
  const { term, exited, seen, text } = await spawnTerm(['pay', '--order', `pty${Date.now()}`], {
    cwd: sb.root,
    env: sb.env,
    cols: 120,
    rows: 30,
  });
  await seen('amount (元)');
  term.write('1.2x\r'); // refused by the prompt's validation, asked again
  await seen('not an amount');
  term.write('\b5\r'); // 1.2x → 1.25
  await seen('order title');
  term.write('Prompted\r');
  await seen('order description');
  term.write('Desc\r');
  expect(await exited).toBe(0);
  const no = /order no: (pty\d+)/.exec(text())?.[1];
  expect(no).toBeDefined();
  const [entry] = await new Journal(join(sb.root, 'journal', 'sandbox.jsonl')).find({ orderno: no });
  expect(entry).toMatchObject({ txn: 'pay', amount: 125 });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { spawnTerm } from '../helpers/pty.js';
import { callSandbox, qrOrder, startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

// On a terminal a batch draws its progress bar (cli-progress, loaded only then). Tests that run
// batches off a terminal never load it, so this one drives the built CLI in a pseudo-terminal.
let sb: TestSandbox;
beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(async () => {
  await sb?.close();
});

it('a query batch on a terminal draws its progress and ends with the summary (exit 0)', async () => {
  const orders: string[] = [];
  for (let i = 0; i < 3; i++) {
    const o = qrOrder(1001);
    expect((await callSandbox(sb.sandbox, 'qrcode', o)).fields.respcode).toBe('00000');
    orders.push(o.orderno as string);
  }
  writeFileSync(join(sb.root, 'tty-orders.csv'), `orderno\n${orders.join('\n')}\n`);
  const { exited, text } = await spawnTerm(['query', '--batch', 'tty-orders.csv'], {
    cwd: sb.root,
    env: sb.env,
    cols: 100,
    rows: 30,
  });
  const code = await exited;
  expect(text()).not.toContain('internal error');
  expect(code, text()).toBe(0);
  expect(text()).toMatch(/3\/3|100%/);
}, 60_000);

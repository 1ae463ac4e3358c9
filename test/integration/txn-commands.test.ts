import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Journal } from '../../src/journal/index.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

let sb: TestSandbox;
const journal = () => new Journal(join(sb.root, 'journal', 'sandbox.jsonl'), 'sandbox');

beforeAll(async () => {
  sb = await startTestSandbox({ profile: { returnUrl: 'http://127.0.0.1:9/return' } });
});
afterAll(async () => {
  await sb?.close();
});

const order = (tag: string) => `t${Date.now()}${tag}`.slice(0, 30);

describe('pay, query, close, qrcode, scan, wechat against the sandbox', () => {
  it('pay → pending, exit 0, journaled; query → awaiting; --wait → paid', async () => {
    const no = order('p');
    const r = await sb.runCli([
      '--json',
      'pay',
      '--order',
      no,
      '--amount',
      '1.00',
      '--title',
      'T',
      '--desc',
      'D',
    ]);
    expect(r.stderr).toContain(no);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ ok: true, state: 'pending', respcode: '00000', verified: true });
    expect(doc.request).toMatchObject({ orderno: no, amount: 100 });
    expect(doc.response.amt_trans).toBe(100);
    const [e] = await journal().find({ orderno: no });
    expect(e).toMatchObject({ txn: 'pay', amount: 100, state: 'pending', finished: true });

    const w = await sb.runCli(['--json', 'query', no, '--wait', '20']);
    expect(w.code).toBe(0);
    expect(JSON.parse(w.stdout)).toMatchObject({ ok: true, state: 'success', status: { value: '0' } });
    // the query's final answer settled the pay entry
    const [after] = await journal().find({ orderno: no, txn: 'pay' });
    expect(after?.state).toBe('success');
  });
});

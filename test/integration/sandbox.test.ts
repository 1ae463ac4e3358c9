import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOrderNo } from '../../src/protocol/ids.js';
import { RESPCODES } from '../../src/sandbox/respcodes.js';
import { callSandbox, startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox({ autoPayAfterMs: 300 });
});
afterAll(async () => {
  await t?.close();
});

const order = (amount: number, more: Record<string, string> = {}) => ({
  orderno: generateOrderNo(),
  amt_trans: String(amount),
  ordertitle: '测试订单',
  orderdesc: 'sandbox test',
  return_url: 'http://127.0.0.1:9/return',
  notify_url: 'http://127.0.0.1:9/notify',
  channel_type: '07',
  confflag: '9',
  ...more,
});

const until = async <T>(fn: () => Promise<T> | T, ok: (v: T) => boolean, ms = 5000): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
};

describe('payments', () => {
  it('qrcode: awaiting, then paid automatically; query follows; answers are signed raw k=v with certid', async () => {
    const req = order(180);
    const a = await callSandbox(t.sandbox, 'qrcode', { ...req, qrcode_type: '00' });
    expect(a.status).toBe(200);
    expect(a.valid).toBe(true);
    expect(a.fields.respcode).toBe('00000');
    expect(a.fields.certid).toBe(t.sandbox.identity.certid);
    expect(a.fields.status).toBe('1');
    expect(a.fields.qrcodeUrl).toBe(`${t.baseUrl}qr/${a.fields.transno}`);
    // Raw, not URL-encoded: the URL's ':' and '/' travel as is.
    expect(a.text).toContain(`qrcodeUrl=http://127.0.0.1:`);
    const q1 = await callSandbox(t.sandbox, 'query', { orderno: req.orderno });
    expect(q1.valid).toBe(true);
    expect(['1', '0']).toContain(q1.fields.status);
    const q2 = await until(
      () => callSandbox(t.sandbox, 'query', { orderno: req.orderno }),
      (q) => q.fields.status === '0',
    );
    expect(q2.fields.status).toBe('0');
    expect(q2.fields.amt_trans).toBe('180');
    expect(q2.fields.amt_total).toBe('1.80');
    expect(q2.fields.imp_tradeno).toBe(a.fields.imp_tradeno);
  });
});

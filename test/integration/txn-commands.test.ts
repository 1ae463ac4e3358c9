import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Journal } from '../../src/journal/index.js';
import { callSandbox, startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

let sb: TestSandbox;
let apikey: string;
const journal = () => new Journal(join(sb.root, 'journal', 'sandbox.jsonl'), 'sandbox');
let seq = 0;
const order = () => `c${Date.now()}${seq++}`;
const ORDER_ARGS = ['--amount', '1.00', '--title', '测试商品', '--desc', 'D'];

beforeAll(async () => {
  sb = await startTestSandbox({ profile: { returnUrl: 'http://127.0.0.1:9/return' } });
  apikey = (await readFile(join(sb.dataDir, 'apikey'), 'utf8')).trim();
});
afterAll(async () => {
  await sb?.close();
});

describe('transaction commands against the sandbox', () => {
  it('pay → pending, exit 0, journaled; query --wait → paid and the pay entry settled', async () => {
    const no = order();
    const r = await sb.runCli(['--json', 'pay', '--order', no, ...ORDER_ARGS]);
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
    const [after] = await journal().find({ orderno: no, txn: 'pay' });
    expect(after?.state).toBe('success');
  });

  it('generates the order number when not given and prints the table in words', async () => {
    const r = await sb.runCli([
      '--lang',
      'en',
      'scan',
      '--auth-code',
      '134567890123456789',
      ...ORDER_ARGS,
      '--wait',
      '10',
    ]);
    expect(r.code).toBe(0);
    const no = /order no: (imp\d+)/.exec(r.stderr)?.[1];
    expect(no).toBeDefined();
    expect(r.stdout).toContain(no);
    expect(r.stdout).toContain('paid');
    expect(r.stdout).toContain('1.00 yuan (100 fen)');
    expect(sb.sandbox.order(no!)?.status).toBe('0');
  });

  it('qrcode draws the code (--qr, stdout being a pipe) and saves a PNG', async () => {
    const no = order();
    const r = await sb.runCli([
      'qrcode',
      '--qr',
      '--order',
      no,
      ...ORDER_ARGS,
      '--type',
      'alipay',
      '--png',
      'qr.png',
    ]);
    expect(r.code).toBe(0);
    expect(sb.sandbox.order(no)?.qrcodeType).toBe('01');
    expect(r.stdout).toMatch(/^https?:\/\/\S+$/m);
    expect(r.stdout).toMatch(/[▀▄█]/);
    const png = await readFile(join(sb.root, 'qr.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const j = await sb.runCli(['--json', 'qrcode', '--order', order(), ...ORDER_ARGS]);
    expect(JSON.parse(j.stdout).qrcodeUrl).toMatch(/^https?:\/\//);
    // a PNG that cannot be written is refused before the order is sent (qr.png is a file)
    const lost = order();
    const bad = await sb.runCli(['qrcode', '--order', lost, ...ORDER_ARGS, '--png', 'qr.png/inner.png']);
    expect([bad.code, bad.stderr.trim()]).toEqual([
      2,
      expect.stringMatching(/^error: --png qr\.png\/inner\.png: cannot write there \(\w+\)$/),
    ]);
    expect(sb.sandbox.order(lost)).toBeUndefined();
  });

  it('wechat prints the JSAPI parameters with prepay_id=', async () => {
    const r = await sb.runCli([
      '--json',
      'wechat',
      ...ORDER_ARGS,
      '--appid',
      'wx1234567890',
      '--openid',
      'oUser123',
    ]);
    expect(r.code).toBe(0);
    const { jsapi } = JSON.parse(r.stdout);
    expect(jsapi).toMatchObject({ appId: 'wx1234567890', package: expect.stringMatching(/^prepay_id=.+/) });
    for (const k of ['timeStamp', 'nonceStr', 'signType', 'paySign']) expect(jsapi[k]).toBeTruthy();
  });

  it('close: an unpaid order closes; a paid one is refused (refund instead); an unknown one fails', async () => {
    const no = order();
    expect((await sb.runCli(['pay', '--order', no, ...ORDER_ARGS.slice(2), '--amount', '1.02'])).code).toBe(
      0,
    );
    const c = await sb.runCli(['--json', 'close', no]);
    expect(c.code).toBe(0);
    expect(JSON.parse(c.stdout)).toMatchObject({
      state: 'success',
      status: { field: 'order_status', value: '0' },
    });
    expect(sb.sandbox.order(no)?.closed).toBe(true);

    const paid = order();
    await sb.runCli(['pay', '--order', paid, ...ORDER_ARGS.slice(2), '--amount', '1.01']);
    const p = await sb.runCli(['--json', 'close', paid]);
    expect(p.code).toBe(1);
    expect(JSON.parse(p.stdout).error.code).toBe('ORDER_PAID');
    expect(sb.sandbox.order(paid)?.closed).toBe(false);

    const none = await sb.runCli(['close', 'no-such-order-1']);
    expect(none.code).toBe(1);
  });

  it('refund query: found through the payment query, waits until refunded', async () => {
    const no = order();
    await sb.runCli(['pay', '--order', no, ...ORDER_ARGS.slice(2), '--amount', '2.01']);
    const o = sb.sandbox.order(no)!;
    const refundno = `R${no}`.slice(0, 30);
    const res = await callSandbox(sb.sandbox, 'refund', {
      orderno: no,
      refundno,
      prv_transno: o.transno,
      prv_tradeno: o.imp_tradeno,
      prv_trdate: o.trdate,
      prv_tramt: '201',
      opertype: '2',
      refund_amt: '50',
    });
    expect(res.fields.respcode).toBe('00000');
    const q = await sb.runCli(['--json', 'query', '--refund', refundno, '--order', no, '--wait', '10']);
    expect(q.code).toBe(0);
    expect(JSON.parse(q.stdout)).toMatchObject({
      state: 'success',
      txn: 'refundquery',
      request: { refundno },
    });
    const missing = await sb.runCli(['--json', 'query', 'never-paid-order']);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout).state).toBe('failure');
  });

  it('--dry-run prints the signed request, apikey masked, and sends nothing', async () => {
    const no = order();
    const r = await sb.runCli([
      '--json',
      'pay',
      '--dry-run',
      '--order',
      no,
      ...ORDER_ARGS,
      '--field',
      'ordertype=X1',
    ]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.url).toBe(`${sb.baseUrl}IMP-CPos/b2c/pay/busConsume.do`);
    expect(doc.canonical).toContain(`orderno=${no}`);
    expect(doc.canonical).toContain('ordertype=X1');
    expect(doc.canonical).not.toContain(apikey);
    expect(doc.body).toContain('sign=');
    expect(doc.body).toContain('ordertitle=%E6%B5%8B');
    expect(sb.sandbox.order(no)).toBeUndefined();
    expect(await journal().find({ orderno: no })).toEqual([]);
    const t = await sb.runCli(['close', '--dry-run', no]);
    expect(t.code).toBe(0);
    expect(t.stdout).toContain('busCloseOrder.do');
  });

  it('--verbose shows the exchange on stderr with the apikey masked and sign shortened', async () => {
    const r = await sb.runCli(['--verbose', 'query', 'no-such-order-2']);
    expect(r.stderr).toContain('→ POST');
    expect(r.stderr).toMatch(/sign=\S{8}…\S{8} \(\d+ chars\)/);
    expect(r.stderr).toContain('signature: verified');
    expect(r.stderr).not.toContain(apikey);
  });

  it('pay --form writes the auto-submitting page; the browser post reaches the platform', async () => {
    const no = order();
    const r = await sb.runCli([
      '--json',
      'pay',
      '--order',
      no,
      ...ORDER_ARGS,
      '--channel',
      'wap',
      '--form',
      'pay.html',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, state: 'pending', request: { orderno: no } });
    expect(sb.sandbox.order(no)).toBeUndefined(); // nothing sent yet
    const html = await readFile(join(sb.root, 'pay.html'), 'utf8');
    expect(html).toContain(`action="${sb.baseUrl}IMP-CPos/b2c/pay/busConsume.do"`);
    expect(html).toContain('document.forms[0].submit()');
    const inputs = [...html.matchAll(/name="([^"]+)" value="([^"]*)"/g)].map((m): [string, string] => [
      m[1]!,
      m[2]!.replace(/&amp;/g, '&'),
    ]);
    expect(Object.fromEntries(inputs)).toMatchObject({
      orderno: no,
      channel_type: '08',
      ordertitle: '测试商品',
    });
    const [entry] = await journal().find({ orderno: no });
    expect(entry).toMatchObject({ txn: 'pay', finished: false, amount: 100 });
    // a form that cannot be written: exit 2, one line, nothing journaled (pay.html is a file)
    const unwritten = order();
    const bad = await sb.runCli(['pay', '--order', unwritten, ...ORDER_ARGS, '--form', 'pay.html/x.html']);
    expect([bad.code, bad.stderr.trim()]).toEqual([
      2,
      expect.stringMatching(/^error: --form pay\.html\/x\.html: cannot write there \(\w+\)$/),
    ]);
    expect(await journal().find({ orderno: unwritten })).toEqual([]);
    // what the customer's browser does
    await fetch(`${sb.baseUrl}IMP-CPos/b2c/pay/busConsume.do`, {
      method: 'POST',
      body: new URLSearchParams(inputs),
    });
    expect(sb.sandbox.order(no)).toBeDefined();
  });

  it('the journal never holds the apikey or key material', async () => {
    const text = await readFile(join(sb.root, 'journal', 'sandbox.jsonl'), 'utf8');
    expect(text.length).toBeGreaterThan(100);
    expect(text).not.toContain(apikey);
    expect(text).not.toContain('PRIVATE KEY');
    expect(text).not.toContain('"sign"');
  });

  it('missing arguments without a terminal: one usage error naming every flag', async () => {
    const p = await sb.runCli(['pay']);
    expect(p.code).toBe(2);
    expect(p.stderr).toContain('--amount, --title, --desc');
    const s = await sb.runCli(['--json', 'scan', '--amount', '1']);
    expect(s.code).toBe(2);
    expect(JSON.parse(s.stdout).missing).toEqual(['--title', '--desc', '--auth-code']);
    const w = await sb.runCli(['wechat', ...ORDER_ARGS]);
    expect(w.stderr).toContain('--appid, --openid');
    const q = await sb.runCli(['query']);
    expect(q.code).toBe(2);
    expect(q.stderr).toContain('<orderno>');
    const bad = await sb.runCli(['pay', ...ORDER_ARGS.slice(2), '--amount', '1.234']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--amount');
  });
});

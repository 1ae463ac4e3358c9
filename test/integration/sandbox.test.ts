import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/catalogue/index.js';
import { buildRequest } from '../../src/protocol/build-request.js';
import { encodeForm } from '../../src/protocol/codec.js';
import { signRequest, signResponse, signResponseAsync } from '../../src/protocol/signer.js';
import { RESPCODES } from '../../src/sandbox/respcodes.js';
import { callSandbox, qrOrder, startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { until } from '../helpers/wait.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox({ autoPayAfterMs: 300 });
});
afterAll(async () => {
  await t?.close();
});

describe('payments', () => {
  it('qrcode: awaiting, then paid automatically; query follows; answers are signed raw k=v with certid', async () => {
    const req = qrOrder(180);
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

describe('answer signing', () => {
  it('the thread-pool signer the sandbox answers with gives exactly signResponse', async () => {
    const key = createPrivateKey(readFileSync(path.join(t.dataDir, t.sandbox.descriptor.platformPrivateKey)));
    for (const respcode of ['00000', '10001']) {
      const fields = { respcode, respmsg: '成功', account: '', orderno: 'o1', qrcodeUrl: 'http://a/b?c=d' };
      const sync = signResponse(fields, 'apikey-1', key, 'CERT1');
      expect(await signResponseAsync(fields, 'apikey-1', key, 'CERT1')).toEqual(sync);
    }
  });
});

describe('every payment transaction', () => {
  it('pay (server-side): awaiting, qrcodeUrl on the sandbox host; /_sandbox/pay pays it', async () => {
    const req = qrOrder(1202); // 02: stays pending until someone pays
    const a = await callSandbox(t.sandbox, 'pay', req);
    expect([a.valid, a.fields.respcode, a.fields.status]).toEqual([true, '00000', '1']);
    expect(a.fields.qrcodeUrl?.startsWith(`http://127.0.0.1:${t.sandbox.port}/`)).toBe(true);
    const res = await fetch(`${t.baseUrl.replace('/pos/', '')}/_sandbox/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ orderno: req.orderno }),
    });
    expect(res.status).toBe(200);
    expect(t.sandbox.order(req.orderno)?.status).toBe('0');
    const again = await fetch(`${t.baseUrl.replace('/pos/', '')}/_sandbox/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `orderno=${req.orderno}`,
    });
    expect(again.status).toBe(409);
  });

  it('scan: paid at once, wallet from the auth_code; an invalid code is refused', async () => {
    const a = await callSandbox(t.sandbox, 'scan', { ...qrOrder(300), auth_code: '284567890123456789' });
    expect([a.valid, a.fields.respcode, a.fields.status, a.fields.pay_type]).toEqual([
      true,
      '00000',
      '0',
      '00091',
    ]);
    const bad = await callSandbox(t.sandbox, 'scan', { ...qrOrder(300), auth_code: '000000000000000000' });
    expect([bad.valid, bad.fields.respcode]).toEqual([true, RESPCODES.badAuthCode.code]);
    expect(t.sandbox.order(bad.request.orderno ?? '')).toBeUndefined();
  });

  it('wechat: JSAPI parameters in the answer', async () => {
    const a = await callSandbox(t.sandbox, 'wechat', {
      ...qrOrder(500),
      param_type: '1',
      sub_appid: 'wx0123456789abcdef',
      sub_openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
    });
    expect([a.valid, a.fields.respcode, a.fields.pay_type], a.fields.respmsg).toEqual([
      true,
      '00000',
      '00081',
    ]);
    expect(a.fields.package).toMatch(/^prepay_id=/);
  });

  it('a reused orderno is refused', async () => {
    const req = qrOrder(200);
    expect((await callSandbox(t.sandbox, 'qrcode', req)).fields.respcode).toBe('00000');
    const dup = await callSandbox(t.sandbox, 'pay', req);
    expect([dup.valid, dup.fields.respcode]).toEqual([true, RESPCODES.duplicateOrder.code]);
  });

  it('query of an unknown order answers a signed error', async () => {
    const q = await callSandbox(t.sandbox, 'query', { orderno: 'nosuchorder' });
    expect([q.valid, q.fields.respcode]).toEqual([true, RESPCODES.noOrder.code]);
  });

  it('the query trtype GP00061 of the spec example is accepted too', async () => {
    const req = qrOrder(100);
    await callSandbox(t.sandbox, 'qrcode', req);
    const q = await callSandbox(t.sandbox, 'query', { orderno: req.orderno, trtype: 'GP00061' });
    expect(q.fields.respcode).toBe('00000');
  });
});

/**
 * Wait until a plain order placed now has been paid by the customer: autoPayAfterMs has then
 * passed for every earlier order too (a fixed sleep proves nothing on a loaded machine).
 */
async function autoPayPassed() {
  const plain = await callSandbox(t.sandbox, 'qrcode', qrOrder(100));
  const query = () => callSandbox(t.sandbox, 'query', { orderno: plain.request.orderno ?? '' });
  expect((await until(query, (q) => q.fields.status === '0')).fields.status).toBe('0');
}

describe('triggers', () => {
  it('01 paid at once, 02 stays pending, 03 fails', async () => {
    const paid = await callSandbox(t.sandbox, 'qrcode', qrOrder(101));
    expect(paid.fields.status).toBe('0');
    const pending = await callSandbox(t.sandbox, 'qrcode', qrOrder(102));
    const failed = await callSandbox(t.sandbox, 'qrcode', qrOrder(103));
    expect(failed.fields.status).toBe('4');
    await autoPayPassed();
    expect(
      (await callSandbox(t.sandbox, 'query', { orderno: pending.request.orderno ?? '' })).fields.status,
    ).toBe('1');
    expect(
      (await callSandbox(t.sandbox, 'query', { orderno: failed.request.orderno ?? '' })).fields.status,
    ).toBe('4');
  });

  it('04 delays the answer past the client timeout, after creating the order', async () => {
    const req = qrOrder(104);
    await expect(callSandbox(t.sandbox, 'qrcode', req, { timeoutMs: 300 })).rejects.toThrow();
    expect(t.sandbox.order(req.orderno)?.status).toBe('1');
  });

  it('05 drops the connection after the order is paid (outcome unknown)', async () => {
    const req = qrOrder(105);
    await expect(callSandbox(t.sandbox, 'qrcode', req)).rejects.toThrow();
    const q = await callSandbox(t.sandbox, 'query', { orderno: req.orderno });
    expect([q.valid, q.fields.status]).toEqual([true, '0']);
  });

  it('06 breaks the signature, 07 answers HTTP 500 without an order, 08 refuses', async () => {
    const bad = await callSandbox(t.sandbox, 'qrcode', qrOrder(106));
    expect([bad.status, bad.fields.respcode, bad.valid]).toEqual([200, '00000', false]);
    const five = await callSandbox(t.sandbox, 'qrcode', qrOrder(107));
    expect(five.status).toBe(500);
    expect(t.sandbox.order(five.request.orderno ?? '')).toBeUndefined();
    const refused = await callSandbox(t.sandbox, 'qrcode', qrOrder(108));
    expect([refused.valid, refused.fields.respcode]).toEqual([true, RESPCODES.refused.code]);
    expect(t.sandbox.order(refused.request.orderno ?? '')).toBeUndefined();
  });
});

describe('refusals', () => {
  it('a tampered field, a wrong apikey and a missing sign fail the signature check', async () => {
    const tampered = await callSandbox(t.sandbox, 'qrcode', qrOrder(100), {
      tamper: (f) => {
        f.amt_trans = '1';
      },
    });
    expect([tampered.valid, tampered.fields.respcode]).toEqual([true, RESPCODES.badSign.code]);
    expect(t.sandbox.order(tampered.request.orderno ?? '')).toBeUndefined();
    const apikey = await callSandbox(t.sandbox, 'qrcode', qrOrder(100), { apikey: 'not-the-apikey' });
    expect(apikey.fields.respcode).toBe(RESPCODES.badSign.code);
    const nosign = await callSandbox(
      t.sandbox,
      'query',
      { orderno: 'x' },
      { tamper: (f) => void delete f.sign },
    );
    expect(nosign.fields.respcode).toBe(RESPCODES.badField.code);
    expect(nosign.fields.respmsg).toContain('sign');
  });

  it('bad fields: missing amount, too long title, bad enum; error answers are signed without the apikey', async () => {
    const { amt_trans: _a, ...noAmount } = qrOrder(100);
    const missing = await callSandbox(t.sandbox, 'qrcode', noAmount);
    expect([missing.valid, missing.fields.respcode]).toEqual([true, RESPCODES.badField.code]);
    expect(missing.fields.respmsg).toContain('amt_trans');
    const long = await callSandbox(t.sandbox, 'qrcode', qrOrder(100, { ordertitle: '长'.repeat(33) }));
    expect(long.fields.respmsg).toContain('ordertitle');
    const chan = await callSandbox(t.sandbox, 'qrcode', qrOrder(100, { channel_type: '99' }));
    expect(chan.fields.respmsg).toContain('channel_type');
  });

  it('an unreadable or oversized body gets a signed error answer, not HTTP 500', async () => {
    const url = t.baseUrl + CATALOGUE.query.path;
    const type = { 'content-type': 'application/x-www-form-urlencoded' };
    for (const body of ['a=%zz&b', `a=${'x'.repeat(1_100_000)}`]) {
      const res = await fetch(url, { method: 'POST', headers: type, body });
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).toContain(`respcode=${RESPCODES.badField.code}`);
      expect(text).toContain('sign=');
    }
  });

  it('an unknown busino is refused', async () => {
    const a = await callSandbox(t.sandbox, 'qrcode', { ...qrOrder(100), busino: '999999999999999' });
    expect([a.valid, a.fields.respcode]).toEqual([true, RESPCODES.unknownMerchant.code]);
  });

  it('a wrong subcode for the path is refused', async () => {
    const a = await callSandbox(t.sandbox, 'qrcode', { ...qrOrder(100), subcode: 'guokai.gpay.refund&x=1' });
    // the echoed value must not split the raw k=v answer
    expect([a.valid, a.fields.respcode, a.fields.x]).toEqual([true, RESPCODES.badTxnCode.code, undefined]);
  });
});

describe('close (2.6.9)', () => {
  it('0 closed, 2 already closed, 1 already paid, 4 no such order; UnionPay QR cannot be closed', async () => {
    const open = qrOrder(102);
    await callSandbox(t.sandbox, 'qrcode', { ...open, qrcode_type: '02' });
    const c0 = await callSandbox(t.sandbox, 'close', { orderno: open.orderno });
    expect([c0.valid, c0.fields.respcode, c0.fields.order_status, c0.fields.subcode]).toEqual([
      true,
      '00000',
      '0',
      'guokai.gpay.closeorder',
    ]);
    expect((await callSandbox(t.sandbox, 'close', { orderno: open.orderno })).fields.order_status).toBe('2');
    expect((await callSandbox(t.sandbox, 'query', { orderno: open.orderno })).fields.status).toBe('4');
    const paid = qrOrder(101);
    await callSandbox(t.sandbox, 'qrcode', paid);
    expect((await callSandbox(t.sandbox, 'close', { orderno: paid.orderno })).fields.order_status).toBe('1');
    expect((await callSandbox(t.sandbox, 'close', { orderno: 'nosuchorder' })).fields.order_status).toBe('4');
    const union = qrOrder(102);
    await callSandbox(t.sandbox, 'qrcode', { ...union, qrcode_type: '03' });
    const cu = await callSandbox(t.sandbox, 'close', { orderno: union.orderno });
    expect(cu.fields.respcode).toBe(RESPCODES.closeUnsupported.code);
  });
});

describe('cashier over plain HTTP', () => {
  it('Accept: text/html gets the cashier page; Cancel returns to return_url with status 1 and the order stays unpaid', async () => {
    const req = qrOrder(900, { return_url: 'http://127.0.0.1:9/back' });
    const key = createPrivateKey(readFileSync(path.join(t.dataDir, t.sandbox.descriptor.merchantKey)));
    const fields = signRequest(
      buildRequest(CATALOGUE.pay, { busino: t.sandbox.identity.busino }, req),
      t.sandbox.identity.apikey,
      key,
    ).fields;
    const res = await fetch(t.baseUrl + CATALOGUE.pay.path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html,*/*' },
      body: encodeForm(fields),
    });
    const html = await res.text();
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(html).toContain('id="pay"');
    const cancel = /action="([^"]+\/cancel)"/.exec(html)?.[1] ?? '';
    const back = await (await fetch(cancel.replaceAll('&amp;', '&'), { method: 'POST' })).text();
    expect(back).toContain('action="http://127.0.0.1:9/back"');
    expect(back).toContain('name="status" value="1"');
    await autoPayPassed(); // a browser order is never auto-paid
    const doc = (await (
      await fetch(`${t.baseUrl.replace('/pos/', '')}/_sandbox/orders/${req.orderno}`)
    ).json()) as {
      order: { status: string };
    };
    expect(doc.order.status).toBe('1');
  });
});

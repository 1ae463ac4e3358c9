import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signResponse } from '../../src/protocol/signer.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(() => t?.close());

const returnUrl = () => new URL('/_sandbox/return', t.baseUrl).toString();

describe('the sandbox profile works for the browser flow out of the box', () => {
  it('imp pay sends the sandbox stand-in return page as return_url', async () => {
    const r = await t.runCli(['--json', 'pay', '--amount', '0.10', '--title', 't', '--desc', 'd']);
    expect(r.code, r.stderr).toBe(0);
    const order = await fetch(new URL(`/_sandbox/orders/${JSON.parse(r.stdout).request.orderno}`, t.baseUrl));
    const doc = (await order.json()) as { order: { returnUrl: string } };
    expect(doc.order.returnUrl).toBe(returnUrl());
  });

  it('the return page checks the signature of what the cashier sends back', async () => {
    const id = t.sandbox.identity;
    const signed = signResponse(
      { respcode: '00000', respmsg: '成功', orderno: 'o-1', status: '0' },
      id.apikey,
      id.platformPrivate,
      id.certid,
    ).fields;
    const post = (fields: Record<string, string>) =>
      fetch(returnUrl(), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
      }).then((res) => res.text());
    const good = await post(signed);
    expect(good).toContain('signature verified');
    expect(good).toContain('o-1');
    const bad = await post({ ...signed, status: '4' });
    expect(bad).toContain('signature does not verify');
  });
});

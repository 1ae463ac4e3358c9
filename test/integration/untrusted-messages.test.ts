import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/catalogue/index.js';
import { FAIL_REPLY, postRaw } from '../../src/notify/post.js';
import { verifyText } from '../../src/output/messages/verify.js';
import { encodeRaw } from '../../src/protocol/codec.js';
import { signResponse } from '../../src/protocol/signer.js';
import { runImp } from '../helpers/cli.js';
import {
  NOTIFY_APIKEY,
  NOTIFY_CERTID,
  type NotifyKeys,
  notifyKeys,
  signedNotification,
  testListener,
} from '../helpers/notify.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { VECTOR_KEYS } from '../helpers/vectors.js';

// Issue 12: a k=v message with a repeated key, an empty or non-ASCII key, or bytes invalid in its
// charset is refused wherever imp reads one: answers (exit 4), notifications (fail), imp verify
// (exit 4), the sandbox's requests.
let k: NotifyKeys;
let platform: Server;
let answer: Buffer = Buffer.from('');
let config = '';
let sb: TestSandbox;

beforeAll(async () => {
  k = await notifyKeys();
  // a platform on 127.0.0.1 that answers whatever the test put in `answer`
  platform = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end(answer));
  });
  await new Promise<void>((r) => platform.listen(0, '127.0.0.1', r));
  const dir = mkdtempSync(join(tmpdir(), 'imp-untrusted-'));
  config = join(dir, 'imp.config.json');
  const profile = {
    baseUrl: `http://127.0.0.1:${(platform.address() as AddressInfo).port}/pos/`,
    busino: '448422080620001',
    apikey: NOTIFY_APIKEY,
    merchantKey: join(VECTOR_KEYS, 'merchant-private.pem'),
    platformKeys: [{ certid: NOTIFY_CERTID, path: join(VECTOR_KEYS, 'platform-cert.pem') }],
  };
  writeFileSync(config, JSON.stringify({ profiles: { t: profile } }));
  sb = await startTestSandbox({ fast: true });
}, 30_000);
afterAll(async () => {
  await new Promise((r) => platform.close(r));
  await sb?.close();
});

/** A genuine signed query answer for `orderno`: paid, 1.80 元. */
function queryAnswer(orderno: string): string {
  const fields = {
    respcode: '00000',
    respmsg: 'success',
    orderno,
    transno: 'T0001',
    status: '0',
    amt_trans: '180',
  };
  return encodeRaw(signResponse(fields, NOTIFY_APIKEY, k.platformPriv, NOTIFY_CERTID).fields);
}

describe('answers', () => {
  it('a genuine answer verifies; with a key repeated in front it is exit 4 naming the key', async () => {
    answer = Buffer.from(queryAnswer('N-Q1'));
    const ok = await runImp(['-c', config, '--json', 'query', 'N-Q1']);
    expect(ok.code, ok.stderr).toBe(0);
    answer = Buffer.from(`orderno=VICTIM99&${queryAnswer('N-Q1')}`);
    const r = await runImp(['-c', config, '--json', 'query', 'N-Q1']);
    expect(r.code).toBe(4);
    expect(JSON.parse(r.stdout).error.message).toMatch(/key `orderno` appears more than once/);
  });

  it('an answer that is not valid UTF-8 is exit 4', async () => {
    answer = Buffer.concat([Buffer.from(`${queryAnswer('N-Q2')}&memo=`), Buffer.from([0xff, 0xfe])]);
    const r = await runImp(['-c', config, '--json', 'query', 'N-Q2']);
    expect(r.code).toBe(4);
    expect(JSON.parse(r.stdout).error.message).toMatch(/not valid UTF-8/);
  });
});

describe('imp verify', () => {
  it('exit 4 for a genuine message with a key repeated in front, naming the key', async () => {
    const body = `orderno=VICTIM99&${encodeRaw(signedNotification(k, 'N-V1'))}`;
    const r = await runImp(['-c', config, 'verify', body]);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/key `orderno` appears more than once/);
    const plain = await runImp(['-c', config, 'verify', encodeRaw(signedNotification(k, 'N-V1'))]);
    expect(plain.code).toBe(0);
  });
});

describe('notifications', () => {
  it('the listener answers fail, with a diagnosis naming the key', async () => {
    const { listener, events } = await testListener(k);
    const body = `orderno=VICTIM99&${encodeRaw(signedNotification(k, 'N-L1'))}`;
    expect((await postRaw(listener.url, body, 'text/plain', 5000)).body).toBe(FAIL_REPLY);
    expect(events.at(-1)).toMatchObject({ valid: false, reply: 'fail' });
    expect(
      events
        .at(-1)
        ?.diagnosis.map((d) => verifyText(d).en)
        .join(),
    ).toMatch(/key `orderno` appears more than once/);
    const nonAscii = `${encodeRaw(signedNotification(k, 'N-L2'))}&ordérno=X`;
    expect((await postRaw(listener.url, nonAscii, 'text/plain', 5000)).body).toBe(FAIL_REPLY);
    expect(
      events
        .at(-1)
        ?.diagnosis.map((d) => verifyText(d).en)
        .join(),
    ).toMatch(/not printable ASCII/);
    await listener.close();
  });
});

describe("the sandbox's requests", () => {
  it('refuses a request with a repeated key, naming it', async () => {
    const res = await fetch(sb.sandbox.baseUrl + CATALOGUE.qrcode.path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'orderno=A1&amt_trans=100&orderno=B2',
    });
    const text = await res.text();
    expect(text).toMatch(/orderno/);
    expect(text).toMatch(/appears more than once/);
  });
});

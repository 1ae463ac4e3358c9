import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlatformKeys, loadPrivateKey } from '../../src/keys/load.js';
import { buildPaymentNotification } from '../../src/notify/build.js';
import { eventLines } from '../../src/notify/format.js';
import { FAIL_REPLY, postRaw, SUCCESS_REPLY } from '../../src/notify/post.js';
import { type NotifyEvent, type NotifyListener, startNotifyListener } from '../../src/notify/server.js';
import { verifyText } from '../../src/output/messages/verify.js';
import { Output } from '../../src/output/output.js';
import { encodeForm } from '../../src/protocol/codec.js';
import { DEFAULT_DIALECT, type Dialect } from '../../src/protocol/dialect.js';
import { signResponse } from '../../src/protocol/signer.js';
import { VECTOR_KEYS, VECTOR_SIGNATURES } from '../helpers/vectors.js';

const apikey = JSON.parse(readFileSync(VECTOR_SIGNATURES, 'utf8')).apikey as string;
const CERTID = 'CERT1234567890123456789';
const FORM = 'application/x-www-form-urlencoded; charset=UTF-8';
const THEIRS: Dialect = { ...DEFAULT_DIALECT, signType: 'include', digest: 'sha256-hex' };
const events: NotifyEvent[] = [];
let listener: NotifyListener;
let body: string;

beforeAll(async () => {
  const keys = await loadPlatformKeys([{ certid: CERTID, path: join(VECTOR_KEYS, 'platform-cert.pem') }]);
  const priv = await loadPrivateKey({ path: join(VECTOR_KEYS, 'platform-private.pem') });
  const fields = buildPaymentNotification({ orderno: 'D1', status: 'paid', amount: 180 });
  body = encodeForm(signResponse(fields, apikey, priv, CERTID, THEIRS).fields);
  listener = await startNotifyListener({
    host: '127.0.0.1',
    port: 0,
    apikey,
    keys,
    dialect: DEFAULT_DIALECT,
    profileName: 'live',
    onEvent: (e) => events.push(e),
  });
});
afterAll(async () => {
  await listener?.close();
});

describe('notify listen under a signature dialect', () => {
  it('a notification in another dialect is refused, and the ✖ diagnosis names the setting that verifies', async () => {
    const a = await postRaw(listener.url, Buffer.from(body), FORM, 5000);
    expect(a.body).toBe(FAIL_REPLY);
    const ev = events.at(-1)!;
    expect(ev.valid).toBe(false);
    // the listener's ✖ line shows the first cause
    const line = eventLines(new Output({ json: false, lang: 'en', color: false }), ev)[0]!;
    expect(line).toContain(
      '✖ signature: verifies with signature.signType=include, signature.digest=sha256-hex',
    );
    expect(verifyText(ev.diagnosis[0]!).en).toBe(
      'verifies with signature.signType=include, signature.digest=sha256-hex',
    );
    expect(verifyText(ev.diagnosis[1]!).en).toBe(
      'set in profiles.live: "signature": {"signType": "include", "digest": "sha256-hex"}',
    );
  });

  it('the same notification is accepted by a listener in that dialect', async () => {
    const keys = await loadPlatformKeys([{ certid: CERTID, path: join(VECTOR_KEYS, 'platform-cert.pem') }]);
    const l = await startNotifyListener({
      host: '127.0.0.1',
      port: 0,
      apikey,
      keys,
      dialect: THEIRS,
      onEvent: () => {},
    });
    try {
      expect((await postRaw(l.url, Buffer.from(body), FORM, 5000)).body).toBe(SUCCESS_REPLY);
    } finally {
      await l.close();
    }
  });
});

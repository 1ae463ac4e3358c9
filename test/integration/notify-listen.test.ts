import type { KeyObject } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cstClock } from '../../src/core/time.js';
import { loadPlatformKeys, loadPrivateKey, loadPublicKey } from '../../src/keys/load.js';
import type { PublicKeyEntry } from '../../src/keys/types.js';
import { buildPaymentNotification } from '../../src/notify/build.js';
import { eventLines } from '../../src/notify/format.js';
import { FAIL_REPLY, postRaw, SUCCESS_REPLY } from '../../src/notify/post.js';
import { type NotifyEvent, type NotifyListener, startNotifyListener } from '../../src/notify/server.js';
import { verifyText } from '../../src/output/messages/verify.js';
import { Output } from '../../src/output/output.js';
import { encodeForm, encodeRaw } from '../../src/protocol/codec.js';
import { signResponse } from '../../src/protocol/signer.js';
import { VECTOR_KEYS, VECTOR_SIGNATURES } from '../helpers/vectors.js';

const KEYS = VECTOR_KEYS;
const apikey = JSON.parse(readFileSync(VECTOR_SIGNATURES, 'utf8')).apikey as string;
const CERTID = 'CERT1234567890123456789';
const FORM = 'application/x-www-form-urlencoded; charset=UTF-8';

let platformPriv: KeyObject;
let keys: PublicKeyEntry[];
let otherKeys: PublicKeyEntry[];
const events: NotifyEvent[] = [];
const listeners: NotifyListener[] = [];

/** A merchant handler that records what it got; `down` closes it. */
let handler: Server;
let handlerUrl: string;
const handled: { body: Buffer; type: string }[] = [];

async function listen(extra: Partial<Parameters<typeof startNotifyListener>[0]> = {}) {
  const l = await startNotifyListener({
    host: '127.0.0.1',
    port: 0,
    apikey,
    keys,
    otherKeys,
    onEvent: (e) => events.push(e),
    ...extra,
  });
  listeners.push(l);
  return l;
}

function signed(orderno: string, status: 'paid' | 'failed' = 'paid', amount = 180) {
  return signResponse(buildPaymentNotification({ orderno, status, amount }), apikey, platformPriv, CERTID)
    .fields;
}

const last = () => events.at(-1)!;

beforeAll(async () => {
  platformPriv = await loadPrivateKey({ path: join(KEYS, 'platform-private.pem') });
  keys = await loadPlatformKeys([{ certid: CERTID, path: join(KEYS, 'platform-cert.pem') }]);
  otherKeys = [{ key: await loadPublicKey(join(KEYS, 'merchant-cert.pem')), source: 'merchant-cert.pem' }];
  handler = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      handled.push({ body: Buffer.concat(chunks), type: req.headers['content-type'] ?? '' });
      res.end('handled');
    });
  });
  await new Promise<void>((r) => handler.listen(0, '127.0.0.1', r));
  handlerUrl = `http://127.0.0.1:${(handler.address() as AddressInfo).port}/imp/notify`;
});

afterAll(async () => {
  for (const l of listeners) await l.close();
  await new Promise((r) => handler.close(r));
});

describe('notify listener', () => {
  it('verifies a signed notification and answers the exact success reply', async () => {
    const l = await listen();
    const ans = await postRaw(`${l.url}any/path`, encodeForm(signed('N-OK')), FORM, 5000);
    expect(ans).toMatchObject({ status: 200, body: SUCCESS_REPLY });
    expect(last()).toMatchObject({
      kind: 'notification',
      valid: true,
      certid: CERTID,
      orderno: 'N-OK',
      txn: 'pay',
      amount: 180,
      status: '0',
      path: '/any/path',
      repeat: false,
    });
    expect(last().statusText?.en).toBe('paid');
    const out = new Output({ json: false, lang: 'en', color: false });
    const line = eventLines(out, last())[0]!;
    expect(line).toMatch(
      /--> N-OK {2}pay {2}paid {2}1\.80 yuan {2}✔ signature \(CERT1234567890123456789\) {2}→ success$/,
    );
    // the time is the bank's wall clock (CST), as imp journal shows it
    expect(line.startsWith(cstClock(last().time).slice(11))).toBe(true);
    // same order, new imp_tradeno: another payment attempt, not a repeat
    await postRaw(l.url, encodeForm(signed('N-OK')), FORM, 5000);
    expect(last().repeat).toBe(false);
    const again = encodeRaw(signed('N-DUP'));
    await postRaw(l.url, again, 'text/plain', 5000);
    await postRaw(l.url, again, 'text/plain', 5000);
    expect(last()).toMatchObject({ orderno: 'N-DUP', valid: true, repeat: true });
    expect(eventLines(out, last())[0]).toContain('[repeat]');
  });

  it('answers fail with the diagnosis for a bad signature and for + turned into spaces', async () => {
    const l = await listen();
    const tampered = { ...signed('N-BAD'), amt_trans: '18000' };
    expect((await postRaw(l.url, encodeForm(tampered), FORM, 5000)).body).toBe(FAIL_REPLY);
    expect(last()).toMatchObject({ valid: false, orderno: 'N-BAD', reply: 'fail' });
    expect(
      last()
        .diagnosis.map((d) => verifyText(d).en)
        .join(),
    ).toMatch(/no variant verified/);
    let f = signed('N-PLUS');
    for (let i = 0; !f.sign!.includes('+'); i++) f = signed(`N-PLUS${i}`);
    const damaged = encodeRaw({ ...f, sign: f.sign!.replace(/\+/g, ' ') });
    expect((await postRaw(l.url, damaged, 'text/plain', 5000)).body).toBe(FAIL_REPLY);
    const out = new Output({ json: false, lang: 'en', color: false });
    expect(eventLines(out, last())[0]).toMatch(/✖ signature: '\+' in `sign` was turned into spaces/);
  });

  it('refuses oversize bodies with 413 and answers fail to malformed ones', async () => {
    const l = await listen();
    const big = await postRaw(l.url, `a=${'x'.repeat(70 * 1024)}`, FORM, 5000);
    expect(big.status).toBe(413);
    expect(last()).toMatchObject({ kind: 'oversize', httpStatus: 413 });
    const bad = await postRaw(l.url, '<xml>hello</xml>', 'text/xml', 5000);
    expect(bad).toMatchObject({ status: 200, body: FAIL_REPLY });
    expect(last()).toMatchObject({ kind: 'malformed', valid: false });
    const get = await fetch(l.url);
    expect(get.status).toBe(405);
  });

  it('forwards the original body and content type; a down handler is a loud fail', async () => {
    const l = await listen({ forwardTo: handlerUrl });
    const body = encodeForm(signed('N-FWD'));
    expect((await postRaw(l.url, body, FORM, 5000)).body).toBe(SUCCESS_REPLY);
    expect(handled.at(-1)).toEqual({ body: Buffer.from(body), type: FORM });
    expect(last().forward).toMatchObject({ ok: true, status: 200, body: 'handled' });
    const down = await listen({ forwardTo: 'http://127.0.0.1:9/notify', forwardTimeoutMs: 2000 });
    expect((await postRaw(down.url, body, FORM, 5000)).body).toBe(FAIL_REPLY);
    expect(last().forward).toMatchObject({ ok: false });
    expect(last().forward?.error).toMatch(/127\.0\.0\.1:9: connection refused/);
    const lines = eventLines(new Output({ json: false, lang: 'en', color: false }), last());
    expect(lines[1]).toMatch(/<-- ✖ handler DOWN http:\/\/127\.0\.0\.1:9\/notify/);
  });

  it('saves each raw notification with its content type', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'imp-notify-save-'));
    const l = await listen({ saveDir: dir });
    const raw = encodeRaw(signed('N/SAVE 1'));
    await postRaw(l.url, raw, 'text/plain; charset=UTF-8', 5000);
    const saved = last().saved!;
    expect(readFileSync(saved, 'utf8')).toBe(raw);
    expect(JSON.parse(readFileSync(`${saved}.meta.json`, 'utf8')).contentType).toBe(
      'text/plain; charset=UTF-8',
    );
    expect(readdirSync(dir).some((f) => f.includes('N_SAVE_1'))).toBe(true);
  });
});

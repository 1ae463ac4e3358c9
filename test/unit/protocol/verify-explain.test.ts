import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPlatformKeys, loadPrivateKey, loadPublicKey } from '../../../src/keys/load.js';
import type { PublicKeyEntry } from '../../../src/keys/types.js';
import { verifyText } from '../../../src/output/messages/verify.js';
import { canonicalString } from '../../../src/protocol/canonical.js';
import { encodeForm, encodeRaw, parseAnswer } from '../../../src/protocol/codec.js';
import { type Fields, rsaSign, signResponse } from '../../../src/protocol/signer.js';
import type { VerifyNote } from '../../../src/protocol/verify-diagnosis.js';
import { explainVerify } from '../../../src/protocol/verify-explain.js';
import { VECTOR_KEYS, VECTOR_SIGNATURES } from '../../helpers/vectors.js';

const KEYS = VECTOR_KEYS;
const vectors = JSON.parse(readFileSync(VECTOR_SIGNATURES, 'utf8'));
const apikey: string = vectors.apikey;
const notify = vectors.vectors.find((v: { kind: string }) => v.kind === 'notify') as {
  body: string;
  fields: Fields;
};
const errorAnswer = vectors.vectors.find(
  (v: { name: string }) => v.name === 'consumequery-error-response',
) as {
  fields: Fields;
};

let platform: PublicKeyEntry[];
let merchant: PublicKeyEntry[];
let platformPriv: import('node:crypto').KeyObject;
const en = (r: { diagnosis: VerifyNote[] }) => r.diagnosis.map((d) => verifyText(d).en).join('\n');

beforeAll(async () => {
  platform = await loadPlatformKeys([
    { certid: 'CERT1234567890123456789', path: join(KEYS, 'platform-cert.pem') },
  ]);
  merchant = [{ key: await loadPublicKey(join(KEYS, 'merchant-public.pem')), source: 'merchant-public.pem' }];
  platformPriv = await loadPrivateKey({ path: join(KEYS, 'platform-private.pem') });
});

const explain = (raw: string | Buffer, extra: Partial<Parameters<typeof explainVerify>[0]> = {}) =>
  explainVerify({ raw, apikey, rule: 'response', keys: platform, otherKeys: merchant, ...extra });

describe('explainVerify', () => {
  it('accepts a good notification under the response rule and names the certid', () => {
    const r = explain(notify.body);
    expect(r).toMatchObject({ valid: true, variant: 'keep-empty+apikey', certid: 'CERT1234567890123456789' });
    expect(r.canonical).not.toContain(apikey);
    expect(r.canonical).toMatch(/&IM…HJ$/);
    expect(explain(encodeForm(parseAnswer(notify.body)))).toMatchObject({ valid: true });
  });

  it('tolerates BOM and a trailing newline but says so', () => {
    const r = explain(`\uFEFF${notify.body}\r\n`);
    expect(r.valid).toBe(true);
    expect(en(r)).toMatch(/BOM/);
    expect(en(r)).toMatch(/whitespace or a newline/);
  });

  it("detects '+' turned into spaces in sign and retries repaired", () => {
    const signed = signResponse({ ...notify.fields, orderno: 'P1' }, apikey, platformPriv);
    let fields = signed.fields;
    for (let i = 0; !fields.sign!.includes('+'); i++) {
      fields = signResponse({ ...notify.fields, orderno: `P${i}` }, apikey, platformPriv).fields;
    }
    const damaged = encodeRaw({ ...fields, sign: fields.sign!.replace(/\+/g, ' ') });
    const r = explain(damaged);
    expect(r.valid).toBe(false);
    expect(r.variant).toContain("sign '+' repaired");
    expect(en(r)).toMatch(/'\+' in `sign` was turned into spaces/);
  });

  it('detects values still URL-encoded', () => {
    const f = notify.fields;
    const half = Object.entries(signResponse(f, apikey, platformPriv).fields)
      .map(([k, v]) => `${k}=${k === 'respmsg' ? encodeURIComponent(v) : v}`)
      .join('&');
    const r = explain(half);
    expect(r.valid).toBe(false);
    expect(r.variant).toMatch(/^form-decoded/);
    expect(en(r)).toMatch(/still URL-encoded/);
  });

  it('recognises a message signed by the merchant key', async () => {
    const mpriv = await loadPrivateKey({ path: join(KEYS, 'merchant-private.pem') });
    const r = explain(encodeRaw(signResponse(notify.fields, apikey, mpriv).fields));
    expect(r).toMatchObject({ valid: false, keySource: 'merchant-public.pem' });
    expect(en(r)).toMatch(/another configured key \(merchant-public\.pem\)/);
  });

  it('explains the apikey rule on an error answer signed with the apikey', () => {
    const f = errorAnswer.fields;
    const sign = rsaSign(canonicalString(f, { keepEmpty: true, apikey }), platformPriv);
    const r = explain(encodeRaw({ ...f, sign, sign_type: 'RSA' }));
    expect(r).toMatchObject({ valid: false, variant: 'keep-empty+apikey' });
    expect(en(r)).toMatch(/with the apikey although respcode=10009/);
  });

  it('explains dropped empty fields and padded values', () => {
    const f = { ...notify.fields, account: '' };
    const sign = rsaSign(canonicalString(f, { keepEmpty: false, apikey }), platformPriv);
    const r = explain(encodeRaw({ ...f, sign }));
    expect(r.variant).toBe('drop-empty+apikey');
    expect(en(r)).toMatch(/empty fields were dropped/);
    const good = signResponse(notify.fields, apikey, platformPriv).fields;
    const padded = encodeRaw({ ...good, orderno: `${good.orderno} ` });
    expect(explain(padded).variant).toMatch(/^trimmed/);
  });

  it('reports a missing sign, an unreadable body, and when nothing verifies', () => {
    const { sign: _s, ...unsigned } = notify.fields as Fields;
    expect(en(explain(encodeRaw(unsigned)))).toMatch(/no `sign` field/);
    expect(verifyText(explain('<html></html>').diagnosis[0]!).en).toBe(
      'cannot read the message: "<html></html>" is not a key=value pair',
    );
    const r = explain(notify.body, { apikey: 'WRONGAPIKEY-0000000000' });
    expect(r.valid).toBe(false);
    expect(r.variant).toBeUndefined();
    // no empty fields: keep-empty and drop-empty give the same string, listed once (so do both digests)
    expect(r.tried.map((x) => x.variant)).toEqual([
      'keep-empty+apikey',
      'keep-empty+apikey+sign_type',
      'keep-empty',
      'keep-empty+sign_type',
    ]);
    expect(r.tried.every((t) => !t.canonical.includes('WRONGAPIKEY-0000000000'))).toBe(true);
    expect(en(r)).toMatch(/no variant verified/);
    const other = explain(notify.body, { keys: merchant, otherKeys: [] });
    expect(en(other)).toMatch(/certid CERT1234567890123456789 names no configured platform key/);
  });
});

describe('explainVerify across sides', () => {
  it('recognises a merchant request given as a platform message, and the reverse', async () => {
    const { signRequest } = await import('../../../src/protocol/signer.js');
    const mpriv = await loadPrivateKey({ path: join(KEYS, 'merchant-private.pem') });
    const req = encodeForm(signRequest({ orderno: 'R1', empty: '', busino: '1' }, apikey, mpriv).fields);
    const asPlatform = explain(req);
    expect(asPlatform.valid).toBe(false);
    expect(en(asPlatform)).toMatch(/looks like a merchant request: verify it with --as merchant/);
    expect(en(asPlatform)).not.toMatch(/respcode=/);
    const asMerchant = explainVerify({
      raw: req,
      apikey,
      rule: 'request',
      keys: merchant,
      otherKeys: platform,
    });
    expect(asMerchant).toMatchObject({ valid: true, variant: 'drop-empty+apikey' });
    const back = explainVerify({
      raw: notify.body,
      apikey,
      rule: 'request',
      keys: merchant,
      otherKeys: platform,
    });
    expect(en(back)).toMatch(/looks like a platform answer or notification/);
  });
});

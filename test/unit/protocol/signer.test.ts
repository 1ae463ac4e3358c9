import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlatformKeys, loadPrivateKey, loadPublicKey } from '../../../src/keys/load.js';
import { requestCanonical, responseCanonical } from '../../../src/protocol/canonical.js';
import { encodeForm, encodeRaw, parseAnswer, parseNotification } from '../../../src/protocol/codec.js';
import {
  type Fields,
  signRequest,
  signResponse,
  verifyRequest,
  verifyResponse,
} from '../../../src/protocol/signer.js';
import { VECTORS_DIR } from '../../helpers/vectors.js';

const VECTORS = VECTORS_DIR;
const KEYS = join(VECTORS, 'keys');

interface Vector {
  name: string;
  kind: 'request' | 'response' | 'notify';
  fields: Fields;
  canonical: string;
  sign: string;
  body: string;
}
const file = JSON.parse(readFileSync(join(VECTORS, 'signatures.json'), 'utf8')) as {
  apikey: string;
  vectors: Vector[];
};
const { apikey } = file;
const requests = file.vectors.filter((v) => v.kind === 'request');
const answers = file.vectors.filter((v) => v.kind !== 'request');

const merchantForms = [
  { label: 'PKCS#8 PEM', ref: { path: join(KEYS, 'merchant-private.pem') } },
  { label: 'PKCS#1 PEM', ref: { path: join(KEYS, 'merchant-private-pkcs1.pem') } },
  { label: 'one-line Base64 PKCS#8', ref: { path: join(KEYS, 'merchant-private-pkcs8.b64') } },
  { label: 'PKCS#12 AES', ref: { path: join(KEYS, 'merchant.p12'), password: 'imp-test' } },
  { label: 'PKCS#12 legacy', ref: { path: join(KEYS, 'merchant-legacy.p12'), password: 'imp-test' } },
];

describe('signature vectors (OpenSSL reference)', () => {
  it('has request and answer vectors', () => {
    expect(requests.length).toBeGreaterThan(0);
    expect(answers.length).toBeGreaterThan(0);
  });

  for (const form of merchantForms) {
    it(`reproduces every request sign with the merchant key as ${form.label}`, async () => {
      const key = await loadPrivateKey(form.ref);
      for (const v of requests) {
        const signed = signRequest(v.fields, apikey, key);
        expect(signed.canonical, v.name).toBe(v.canonical);
        expect(requestCanonical(v.fields, apikey), v.name).toBe(v.canonical);
        expect(signed.sign, v.name).toBe(v.sign);
        expect(encodeForm(signed.fields), v.name).toBe(v.body);
      }
    });
  }

  it('verifies every request vector with the merchant public key and parses its body back', async () => {
    const keys = [
      { key: await loadPublicKey(join(KEYS, 'merchant-public.pem')), source: 'merchant-public.pem' },
    ];
    for (const v of requests) {
      const fields = parseNotification(v.body, 'application/x-www-form-urlencoded');
      expect(fields.sign, v.name).toBe(v.sign);
      expect(verifyRequest(fields, apikey, keys).valid, v.name).toBe(true);
      expect(verifyRequest({ ...fields, amt_trans: '2' }, apikey, keys).valid, v.name).toBe(false);
    }
  });

  it('reproduces every answer/notification sign with the platform key', async () => {
    const key = await loadPrivateKey({ path: join(KEYS, 'platform-private.pem') });
    for (const v of answers) {
      const signed = signResponse(v.fields, apikey, key);
      expect(signed.canonical, v.name).toBe(v.canonical);
      expect(responseCanonical(v.fields, apikey), v.name).toBe(v.canonical);
      expect(signed.sign, v.name).toBe(v.sign);
      expect(encodeRaw(signed.fields), v.name).toBe(v.body);
      // certid given separately lands in the same place
      const { certid, ...rest } = v.fields;
      if (certid) expect(signResponse(rest, apikey, key, certid).sign, v.name).toBe(v.sign);
    }
  });

  for (const pub of ['platform-public.pem', 'platform-cert.pem']) {
    it(`verifies every answer/notification body with ${pub}`, async () => {
      const keys = await loadPlatformKeys([{ certid: 'CERT1234567890123456789', path: join(KEYS, pub) }]);
      for (const v of answers) {
        const fields = parseAnswer(v.body);
        expect(fields.sign, v.name).toBe(v.sign);
        const result = verifyResponse(fields, apikey, keys);
        expect(result, v.name).toMatchObject({
          valid: true,
          certid: 'CERT1234567890123456789',
          canonical: v.canonical,
        });
        // the same message URL-encoded, as a notification would arrive
        expect(verifyResponse(parseNotification(encodeForm(fields)), apikey, keys).valid, v.name).toBe(true);
        expect(verifyResponse({ ...fields, respmsg: 'x' }, apikey, keys).valid, v.name).toBe(false);
      }
    });
  }

  it('falls back to every key when the certid names none, and rejects the wrong key', async () => {
    const platform = await loadPublicKey(join(KEYS, 'platform-public.pem'));
    const merchant = await loadPublicKey(join(KEYS, 'merchant-public.pem'));
    const v = answers[0]!;
    const fields = parseAnswer(v.body);
    const rotated = [
      { certid: 'OLD', key: merchant, source: 'old' },
      { certid: 'NEW', key: platform, source: 'new' },
    ];
    expect(verifyResponse(fields, apikey, rotated)).toMatchObject({
      valid: true,
      certid: 'NEW',
      source: 'new',
    });
    expect(verifyResponse(fields, apikey, [{ key: merchant, source: 'm' }]).valid).toBe(false);
    expect(verifyResponse(fields, `${apikey}x`, [{ key: platform, source: 'p' }]).valid).toBe(false);
  });
});

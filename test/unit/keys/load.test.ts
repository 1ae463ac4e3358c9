import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/core/errors.js';
import { certificateValidity, keysMatch, loadCertificate } from '../../../src/keys/inspect.js';
import { loadPlatformKeys, loadPrivateKey, loadPublicKey } from '../../../src/keys/load.js';
import { VECTOR_KEYS } from '../../helpers/vectors.js';

const KEYS = VECTOR_KEYS;
const k = (name: string) => join(KEYS, name);
let tmp: string;

async function configError(p: Promise<unknown>): Promise<ConfigError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ConfigError);
  const ce = err as ConfigError;
  expect(ce.message).not.toContain('\n');
  return ce;
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'imp-keys-'));
  const key = await loadPrivateKey({ path: k('merchant-private.pem') });
  writeFileSync(
    join(tmp, 'enc.pem'),
    key.export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 's3cret' }),
  );
  writeFileSync(join(tmp, 'garbage.pem'), 'hello, this is not a key\n');
  writeFileSync(join(tmp, 'bom.pem'), `\uFEFF${key.export({ format: 'pem', type: 'pkcs8' })}`);
  writeFileSync(
    join(tmp, 'ec.pem'),
    (await import('node:crypto'))
      .generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ format: 'pem', type: 'pkcs8' }),
  );
});

describe('loadPrivateKey', () => {
  it('loads every form of the merchant key to the same key', async () => {
    const pub = await loadPublicKey(k('merchant-public.pem'));
    const refs = [
      { path: k('merchant-private.pem') },
      { path: k('merchant-private-pkcs1.pem') },
      { path: k('merchant-private-pkcs8.b64') },
      { path: k('merchant.p12'), password: 'imp-test' },
      { path: k('merchant-legacy.p12'), password: 'imp-test' },
      { path: join(tmp, 'enc.pem'), password: 's3cret' },
      { path: join(tmp, 'bom.pem') },
    ];
    for (const ref of refs) {
      const key = await loadPrivateKey(ref);
      expect(key.type, ref.path).toBe('private');
      expect(keysMatch(key, pub), ref.path).toBe(true);
    }
  });

  it('names the file on a wrong or missing password', async () => {
    const wrong = await configError(loadPrivateKey({ path: join(tmp, 'enc.pem'), password: 'nope' }));
    expect(wrong.message).toMatch(/enc\.pem: wrong password/);
    const none = await configError(loadPrivateKey({ path: join(tmp, 'enc.pem') }));
    expect(none.message).toMatch(/enc\.pem: .*needs a password/);
    for (const p12 of ['merchant.p12', 'merchant-legacy.p12']) {
      expect((await configError(loadPrivateKey({ path: k(p12), password: 'nope' }))).message).toBe(
        `${k(p12)}: wrong PKCS#12 password`,
      );
      expect((await configError(loadPrivateKey({ path: k(p12) }))).message).toMatch(/needs a password/);
    }
  });

  it('refuses a public key or certificate where a private key is needed', async () => {
    for (const name of ['merchant-public.pem', 'merchant-public.b64', 'merchant-cert.pem']) {
      const err = await configError(loadPrivateKey({ path: k(name) }));
      expect(err.message).toBe(`${k(name)}: is a public key or certificate; a private key is needed here`);
    }
  });

  it('refuses missing files, garbage and non-RSA keys with the file name', async () => {
    expect((await configError(loadPrivateKey({ path: join(tmp, 'none.pem') }))).message).toBe(
      `${join(tmp, 'none.pem')}: file not found`,
    );
    expect((await configError(loadPrivateKey({ path: join(tmp, 'garbage.pem') }))).message).toBe(
      `${join(tmp, 'garbage.pem')}: not a private key (expected PEM, one-line Base64 PKCS#8 or PKCS#12)`,
    );
    expect((await configError(loadPrivateKey({ path: join(tmp, 'ec.pem') }))).message).toMatch(
      /ec\.pem: ec key/,
    );
  });
});

describe('loadPublicKey / loadPlatformKeys', () => {
  it('loads SPKI PEM, one-line Base64 SPKI and certificates', async () => {
    const priv = await loadPrivateKey({ path: k('merchant-private.pem') });
    for (const name of ['merchant-public.pem', 'merchant-public.b64', 'merchant-cert.pem']) {
      expect(keysMatch(priv, await loadPublicKey(k(name))), name).toBe(true);
    }
    expect(keysMatch(priv, await loadPublicKey(k('platform-cert.pem')))).toBe(false);
  });

  it('refuses a private key where a public one belongs, and missing files', async () => {
    expect((await configError(loadPublicKey(k('platform-private.pem')))).message).toMatch(/is a private key/);
    expect((await configError(loadPublicKey(k('merchant-private-pkcs8.b64')))).message).toMatch(
      /is a private key/,
    );
    expect((await configError(loadPublicKey(join(tmp, 'garbage.pem')))).message).toContain('garbage.pem');
    await configError(loadPlatformKeys([{ certid: 'A', path: join(tmp, 'missing.pem') }]));
  });

  it('keeps certid and source per platform key', async () => {
    const keys = await loadPlatformKeys([
      { certid: 'A', path: k('platform-public.pem') },
      { path: k('platform-cert.pem') },
    ]);
    expect(keys.map((e) => [e.certid, e.source])).toEqual([
      ['A', k('platform-public.pem')],
      [undefined, k('platform-cert.pem')],
    ]);
  });
});

describe('loadCertificate', () => {
  it('reads validity dates and the key, from PEM and from PKCS#12', async () => {
    const cert = await loadCertificate(k('merchant-cert.pem'));
    expect(cert.validFrom.getTime()).toBeLessThan(cert.validTo.getTime());
    expect(cert.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const fromP12 = await loadCertificate(k('merchant.p12'), 'imp-test');
    expect(fromP12.fingerprint256).toBe(cert.fingerprint256);
    const priv = await loadPrivateKey({ path: k('merchant.p12'), password: 'imp-test' });
    expect(keysMatch(priv, cert.publicKey)).toBe(true);
    expect(certificateValidity(cert, new Date(cert.validTo.getTime() + 86_400_000)).valid).toBe(false);
    expect(certificateValidity(cert, new Date(cert.validFrom.getTime() + 1000)).valid).toBe(true);
    await configError(loadCertificate(k('merchant-public.pem')));
  });
});

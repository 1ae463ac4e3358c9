import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/core/errors.js';
import { loadPrivateKey, loadPublicKey } from '../../../src/keys/load.js';
import { decryptField, encryptField, maxPlaintextBytes } from '../../../src/protocol/field-crypto.js';
import { VECTOR_KEYS } from '../../helpers/vectors.js';

const KEYS = VECTOR_KEYS;

describe('field encryption (spec 2.4.3.2.2)', () => {
  it('round-trips through the key pair, randomised, and OpenSSL-compatible padding', async () => {
    const pub = await loadPublicKey(join(KEYS, 'merchant-cert.pem'));
    const priv = await loadPrivateKey({ path: join(KEYS, 'merchant-private.pem') });
    const a = encryptField('6217 0000 1234 5678 李四', pub);
    const b = encryptField('6217 0000 1234 5678 李四', pub);
    expect(a).not.toBe(b);
    expect(Buffer.from(a, 'base64').length).toBe(256);
    expect(decryptField(a, priv)).toBe('6217 0000 1234 5678 李四');
  });

  it('decrypts what OpenSSL encrypted (pkeyutl, PKCS#1 v1.5)', async () => {
    const priv = await loadPrivateKey({ path: join(KEYS, 'merchant-private.pem') });
    const out = execFileSync(
      'openssl',
      [
        'pkeyutl',
        '-encrypt',
        '-pubin',
        '-inkey',
        join(KEYS, 'merchant-public.pem'),
        '-pkeyopt',
        'rsa_padding_mode:pkcs1',
      ],
      { input: Buffer.from('账号 6217') },
    );
    expect(decryptField(out.toString('base64'), priv)).toBe('账号 6217');
  });

  it('refuses the wrong key, garbage and too-long values', async () => {
    const pub = await loadPublicKey(join(KEYS, 'merchant-public.pem'));
    const other = await loadPrivateKey({ path: join(KEYS, 'platform-private.pem') });
    const enc = encryptField('secret', pub);
    expect(() => decryptField(enc, other)).toThrow(UsageError);
    expect(() => decryptField('not base64!', other)).toThrow(/not an encrypted value/);
    expect(maxPlaintextBytes(pub)).toBe(245);
    expect(() => encryptField('x'.repeat(246), pub)).toThrow(/too long/);
  });
});

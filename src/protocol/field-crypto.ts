import { constants, createPublicKey, type KeyObject, privateDecrypt, publicEncrypt } from 'node:crypto';
import { UsageError } from '../core/errors.js';

/** Largest plaintext one RSA PKCS#1 v1.5 block can carry: modulus bytes − 11. */
export function maxPlaintextBytes(key: KeyObject): number {
  const bits =
    (key.type === 'private' ? createPublicKey(key) : key).asymmetricKeyDetails?.modulusLength ?? 2048;
  return bits / 8 - 11;
}

/** Encrypt a sensitive field value (spec 2.4.3.2.2): RSA PKCS#1 v1.5 with the platform encryption key, Base64. */
export function encryptField(text: string, publicKey: KeyObject): string {
  const data = Buffer.from(text, 'utf8');
  const max = maxPlaintextBytes(publicKey);
  if (data.length > max) {
    throw new UsageError(`value too long to encrypt: ${data.length} bytes, at most ${max} for this key`, {
      code: 'ENCRYPT_TOO_LONG',
    });
  }
  return publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, data).toString('base64');
}

/**
 * Decrypt a returned encrypted field with the merchant private key. Node 20 refuses
 * PKCS#1 v1.5 private decryption (CVE-2023-46809, a timing oracle for servers), so the
 * block is opened raw and unpadded here; a one-shot CLI decryption is no such oracle.
 */
export function decryptField(base64: string, privateKey: KeyObject): string {
  const cipher = Buffer.from(base64.replace(/\s+/g, ''), 'base64');
  const size = (privateKey.asymmetricKeyDetails?.modulusLength ?? 2048) / 8;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64.replace(/\s+/g, '')) || cipher.length !== size) {
    throw new UsageError(
      `not an encrypted value for this key: expected ${size} bytes of Base64, got ${cipher.length}`,
      {
        code: 'DECRYPT_FAILED',
      },
    );
  }
  let block: Buffer;
  try {
    block = privateDecrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, cipher);
  } catch {
    throw new UsageError('cannot decrypt: not encrypted for this merchant key', { code: 'DECRYPT_FAILED' });
  }
  // EM = 0x00 || 0x02 || PS (≥ 8 non-zero bytes) || 0x00 || M
  const sep = block.indexOf(0, 2);
  if (block[0] !== 0 || block[1] !== 2 || sep < 10) {
    throw new UsageError('cannot decrypt: not encrypted for this merchant key (bad padding)', {
      code: 'DECRYPT_FAILED',
    });
  }
  return block.subarray(sep + 1).toString('utf8');
}

import { createPrivateKey, createPublicKey, type KeyObject, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { KeyRef, PlatformKeyRef } from '../config/types.js';
import { ConfigError } from '../core/errors.js';
import type { PublicKeyEntry } from './types.js';

/** How a key file looks before we know what it holds. */
type Shape =
  | { kind: 'pem'; label: string; text: string }
  | { kind: 'b64'; der: Buffer }
  | { kind: 'der'; der: Buffer };

/** Read a key file; a missing or unreadable file is a one-line ConfigError naming it. */
export async function readKeyFile(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ConfigError(`${path}: file not found`, { code: 'KEY_MISSING' });
    if (code === 'EISDIR')
      throw new ConfigError(`${path}: is a directory, not a key file`, { code: 'KEY_MISSING' });
    throw new ConfigError(`${path}: cannot read (${code ?? String(err)})`, { code: 'KEY_MISSING' });
  }
}

function shapeOf(buf: Buffer): Shape {
  // Strip a UTF-8 BOM: Windows editors add one to PEM files.
  const text = buf.toString('latin1').replace(/^\xef\xbb\xbf/, '');
  const begin = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(text);
  if (begin) return { kind: 'pem', label: begin[1]!, text };
  const compact = text.replace(/\s+/g, '');
  if (compact.length > 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(compact)) {
    return { kind: 'b64', der: Buffer.from(compact, 'base64') };
  }
  return { kind: 'der', der: buf };
}

function attempt<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}

function ensureRsa(key: KeyObject, file: string): KeyObject {
  if (key.asymmetricKeyType !== 'rsa') {
    throw new ConfigError(`${file}: ${key.asymmetricKeyType} key; IMP signatures need an RSA key`, {
      code: 'KEY_FORMAT',
    });
  }
  return key;
}

function looksPublic(der: Buffer): boolean {
  return (
    attempt(() => createPublicKey({ key: der, format: 'der', type: 'spki' })) !== undefined ||
    attempt(() => createPublicKey({ key: der, format: 'der', type: 'pkcs1' })) !== undefined ||
    attempt(() => new X509Certificate(der)) !== undefined
  );
}

function publicWhereNeeded(file: string): ConfigError {
  return new ConfigError(`${file}: is a public key or certificate; a private key is needed here`, {
    code: 'KEY_NOT_PRIVATE',
  });
}

function passwordError(file: string, password: string | undefined, err: unknown): ConfigError {
  const msg = String((err as Error)?.message ?? err);
  const code = (err as { code?: string })?.code;
  if (!password || code === 'ERR_MISSING_PASSPHRASE' || /passphrase required/i.test(msg)) {
    return new ConfigError(`${file}: encrypted private key needs a password (merchantKey.password)`, {
      code: 'KEY_PASSWORD',
    });
  }
  return new ConfigError(`${file}: wrong password for the encrypted private key`, { code: 'KEY_PASSWORD' });
}

/** Load a private key from PEM (PKCS#1/PKCS#8, encrypted too), one-line Base64 PKCS#8, or PKCS#12. */
export async function loadPrivateKey(ref: KeyRef): Promise<KeyObject> {
  const file = ref.path;
  const buf = await readKeyFile(file);
  const shape = shapeOf(buf);
  if (shape.kind === 'pem') {
    if (/PUBLIC KEY|CERTIFICATE/.test(shape.label)) throw publicWhereNeeded(file);
    if (!/PRIVATE KEY/.test(shape.label)) {
      throw new ConfigError(`${file}: PEM "${shape.label}" is not a private key`, { code: 'KEY_FORMAT' });
    }
    const encrypted = shape.label.startsWith('ENCRYPTED') || /Proc-Type:\s*4,ENCRYPTED/.test(shape.text);
    try {
      return ensureRsa(
        createPrivateKey({
          key: shape.text,
          format: 'pem',
          passphrase: encrypted ? (ref.password ?? '') : undefined,
        }),
        file,
      );
    } catch (err) {
      if (err instanceof ConfigError) throw err;
      if (encrypted) throw passwordError(file, ref.password, err);
      throw new ConfigError(`${file}: unreadable private key PEM`, { code: 'KEY_FORMAT' });
    }
  }
  const der = shape.der;
  const isP12Name = /\.(p12|pfx)$/i.test(file);
  if (!isP12Name) {
    const plain =
      attempt(() => createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })) ??
      attempt(() => createPrivateKey({ key: der, format: 'der', type: 'pkcs1' }));
    if (plain) return ensureRsa(plain, file);
    if (looksPublic(der)) throw publicWhereNeeded(file);
    if (ref.password !== undefined) {
      const enc = attempt(() =>
        createPrivateKey({ key: der, format: 'der', type: 'pkcs8', passphrase: ref.password ?? '' }),
      );
      if (enc) return ensureRsa(enc, file);
    }
  }
  // DER (PKCS#12 included) starts with an ASN.1 SEQUENCE; any other bytes are no key at all
  if (isP12Name || (shape.kind === 'der' && der[0] === 0x30)) {
    const { openPkcs12 } = await import('./pkcs12.js');
    return ensureRsa((await openPkcs12(der, ref.password, file)).privateKey, file);
  }
  throw new ConfigError(`${file}: not a private key (expected PEM, one-line Base64 PKCS#8 or PKCS#12)`, {
    code: 'KEY_FORMAT',
  });
}

/** Load a public key from PEM SPKI/PKCS#1, one-line Base64 SPKI, or an X.509 certificate. */
export async function loadPublicKey(path: string): Promise<KeyObject> {
  const buf = await readKeyFile(path);
  const shape = shapeOf(buf);
  if (shape.kind === 'pem') {
    if (/PRIVATE KEY/.test(shape.label)) {
      throw new ConfigError(`${path}: is a private key; give the public key or certificate here`, {
        code: 'KEY_NOT_PUBLIC',
      });
    }
    const key =
      shape.label === 'CERTIFICATE'
        ? attempt(() => new X509Certificate(shape.text).publicKey)
        : attempt(() => createPublicKey({ key: shape.text, format: 'pem' }));
    if (!key) throw new ConfigError(`${path}: unreadable PEM "${shape.label}"`, { code: 'KEY_FORMAT' });
    return ensureRsa(key, path);
  }
  const der = shape.der;
  // node:crypto would quietly derive a public key from private DER: refuse it first.
  if (
    attempt(() => createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })) ??
    attempt(() => createPrivateKey({ key: der, format: 'der', type: 'pkcs1' }))
  ) {
    throw new ConfigError(`${path}: is a private key; give the public key or certificate here`, {
      code: 'KEY_NOT_PUBLIC',
    });
  }
  const key =
    attempt(() => createPublicKey({ key: der, format: 'der', type: 'spki' })) ??
    attempt(() => createPublicKey({ key: der, format: 'der', type: 'pkcs1' })) ??
    attempt(() => new X509Certificate(der).publicKey);
  if (key) return ensureRsa(key, path);
  throw new ConfigError(`${path}: not a public key or certificate (expected PEM, Base64 SPKI or X.509)`, {
    code: 'KEY_FORMAT',
  });
}

/** Load every configured platform key, each with its certid. */
export async function loadPlatformKeys(refs: readonly PlatformKeyRef[]): Promise<PublicKeyEntry[]> {
  return Promise.all(
    refs.map(async (ref) => ({ certid: ref.certid, key: await loadPublicKey(ref.path), source: ref.path })),
  );
}

import { createPublicKey, type KeyObject, X509Certificate } from 'node:crypto';
import { ConfigError } from '../core/errors.js';
import { readKeyFile } from './load.js';

/** What `imp config doctor` shows about a certificate. */
export interface CertificateInfo {
  subject: string;
  issuer: string;
  serialNumber: string;
  validFrom: Date;
  validTo: Date;
  /** `AA:BB:…` SHA-256 fingerprint. */
  fingerprint256: string;
  publicKey: KeyObject;
  source: string;
}

function info(cert: X509Certificate, source: string): CertificateInfo {
  return {
    subject: cert.subject,
    issuer: cert.issuer,
    serialNumber: cert.serialNumber,
    validFrom: new Date(cert.validFrom),
    validTo: new Date(cert.validTo),
    fingerprint256: cert.fingerprint256,
    publicKey: cert.publicKey,
    source,
  };
}

/**
 * Load an X.509 certificate (PEM, DER or one-line Base64), or the certificate inside a
 * PKCS#12 bundle (`password` needed then).
 */
export async function loadCertificate(path: string, password?: string): Promise<CertificateInfo> {
  const buf = await readKeyFile(path);
  if (/\.(p12|pfx)$/i.test(path)) {
    const { openPkcs12 } = await import('./pkcs12.js');
    const { certificate } = await openPkcs12(buf, password, path);
    if (!certificate)
      throw new ConfigError(`${path}: the PKCS#12 file holds no certificate`, { code: 'KEY_FORMAT' });
    return info(certificate, path);
  }
  const text = buf.toString('latin1');
  const candidates: (string | Buffer)[] = [buf];
  if (!text.includes('-----BEGIN')) candidates.push(Buffer.from(text.replace(/\s+/g, ''), 'base64'));
  for (const c of candidates) {
    try {
      return info(new X509Certificate(c), path);
    } catch {
      // try the next encoding
    }
  }
  throw new ConfigError(`${path}: not an X.509 certificate`, { code: 'KEY_FORMAT' });
}

/** Does this private key belong to this public key (or certificate's key)? Compares modulus and exponent. */
export function keysMatch(privateKey: KeyObject, publicKey: KeyObject): boolean {
  const a = createPublicKey(privateKey).export({ format: 'jwk' });
  const b = publicKey.export({ format: 'jwk' });
  return a.kty === b.kty && a.n === b.n && a.e === b.e;
}

/** Is the certificate valid at `now`? `expiresInDays` helps doctor warn before expiry. */
export function certificateValidity(
  cert: CertificateInfo,
  now = new Date(),
): { valid: boolean; expiresInDays: number } {
  const expiresInDays = Math.floor((cert.validTo.getTime() - now.getTime()) / 86_400_000);
  return { valid: now >= cert.validFrom && now <= cert.validTo, expiresInDays };
}

import { createPrivateKey, type KeyObject, X509Certificate } from 'node:crypto';
import { ConfigError } from '../core/errors.js';

/** What a PKCS#12 bundle holds: the private key and, when present, its certificate. */
export interface Pkcs12Contents {
  privateKey: KeyObject;
  certificate?: X509Certificate;
}

/**
 * Open a PKCS#12 (`.p12`/`.pfx`) bundle. node-forge is used here only, because
 * OpenSSL 3 (and so node:crypto) refuses the legacy RC2/3DES bundles banks still issue.
 */
export async function openPkcs12(
  der: Buffer,
  password: string | undefined,
  file: string,
): Promise<Pkcs12Contents> {
  const forge = (await import('node-forge')).default;
  let p12: import('node-forge').pkcs12.Pkcs12Pfx;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(der.toString('binary')));
    p12 = forge.pkcs12.pkcs12FromAsn1(asn1, false, password ?? '');
  } catch (err) {
    const msg = String((err as Error)?.message ?? err);
    if (/mac could not be verified|invalid password/i.test(msg)) {
      throw new ConfigError(
        password
          ? `${file}: wrong PKCS#12 password`
          : `${file}: PKCS#12 needs a password (merchantKey.password)`,
        { code: 'KEY_PASSWORD' },
      );
    }
    throw new ConfigError(`${file}: not a readable PKCS#12 file (${msg.split('\n')[0]})`, {
      code: 'KEY_FORMAT',
    });
  }
  const oids = forge.pki.oids;
  const bagsOf = (type: string) => p12.getBags({ bagType: type })[type] ?? [];
  const bags = [...bagsOf(oids.pkcs8ShroudedKeyBag as string), ...bagsOf(oids.keyBag as string)];
  const keyBag = bags.find((b) => b.key);
  if (!keyBag?.key) {
    throw new ConfigError(
      `${file}: the PKCS#12 file holds no private key (wrong password or certificate-only bundle)`,
      {
        code: 'KEY_FORMAT',
      },
    );
  }
  const privateKey = createPrivateKey(forge.pki.privateKeyToPem(keyBag.key));
  const certBag = bagsOf(oids.certBag as string).find((b) => b.cert);
  const certificate = certBag?.cert
    ? new X509Certificate(forge.pki.certificateToPem(certBag.cert))
    : undefined;
  return { privateKey, certificate };
}

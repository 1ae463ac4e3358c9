import type { TxnDef } from '../catalogue/types.js';
import type { ResolvedProfile } from '../config/types.js';
import { ConfigError } from '../core/errors.js';
import type { Fields } from '../protocol/signer.js';

/**
 * The merchant certificate's id for `signature.sendCertid`: the configured `signature.certid`,
 * else the serial number (decimal, as UnionPay-style platforms print it) of `merchantCert`.
 */
export async function merchantCertid(profile: ResolvedProfile): Promise<string> {
  const given = profile.signature?.certid;
  if (given) return given;
  if (!profile.merchantCert) {
    throw new ConfigError(
      `profile ${profile.name}: signature.sendCertid needs signature.certid or merchantCert (whose serial number is the certid)`,
      { code: 'NO_CERTID' },
    );
  }
  const [{ readFile }, { X509Certificate }] = await Promise.all([
    import('node:fs/promises'),
    import('node:crypto'),
  ]);
  const cert = new X509Certificate(await readFile(profile.merchantCert));
  return BigInt(`0x${cert.serialNumber}`).toString(10);
}

/**
 * What the profile adds to a built request before signing: `certid` and `signMethod=01` under
 * `signature.sendCertid` (examples 2.6.7.6 and 2.6.8.6), and the encryption of exactly the
 * fields the catalogue flags `encrypt` (spec 2.4.3.2.2: card and phone numbers).
 */
export async function addProfileFields(profile: ResolvedProfile, txn: TxnDef, built: Fields): Promise<void> {
  if (profile.signature?.sendCertid) {
    built.certid ??= await merchantCertid(profile);
    built.signMethod ??= '01';
  }
  const secret = txn.request.filter((f) => f.encrypt && built[f.name]);
  if (!secret.length) return;
  if (!profile.encryptionKey) {
    throw new ConfigError(
      `profile ${profile.name}: ${secret.map((f) => f.name).join(', ')} must travel encrypted (spec 2.4.3.2.2): set encryptionKey`,
      { code: 'NO_ENCRYPTION_KEY' },
    );
  }
  const [{ loadPublicKey }, { encryptField }] = await Promise.all([
    import('../keys/load.js'),
    import('../protocol/field-crypto.js'),
  ]);
  const key = await loadPublicKey(profile.encryptionKey.path);
  for (const f of secret) built[f.name] = encryptField(built[f.name] as string, key);
}

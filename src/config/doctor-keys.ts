import type { KeyObject } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { mask } from '../core/mask.js';
import { msg } from '../core/message.js';
import { type Check, same } from './doctor-check.js';
import type { PartialProfile } from './resolve-profile.js';

/** The checks of `imp config doctor` on the profile's secrets: the apikey, the keys and certificates, file modes. */

const errText = (err: unknown) => same(err instanceof Error ? err.message : String(err));
const DAY = 86_400_000;
/** Warn this long before a certificate expires. */
export const EXPIRY_WARNING_DAYS = 30;

export function permissions(name: string, path: string): Check {
  const mode = statSync(path).mode & 0o777;
  const octal = mode.toString(8).padStart(3, '0');
  if (mode & 0o077) {
    return {
      name,
      level: 'warn',
      message: msg('perm-open', { path, mode: octal }),
    };
  }
  return {
    name,
    level: 'ok',
    message: msg('perm-ok', { path, mode: octal }),
  };
}

async function certificateChecks(
  name: string,
  path: string,
  password: string | undefined,
  privateKey: KeyObject | undefined,
  now: Date,
): Promise<Check[]> {
  const { loadCertificate, keysMatch, certificateValidity } = await import('../keys/inspect.js');
  const checks: Check[] = [];
  let cert: Awaited<ReturnType<typeof loadCertificate>>;
  try {
    cert = await loadCertificate(path, password);
  } catch (err) {
    return [{ name, level: 'error', message: errText(err) }];
  }
  if (privateKey) {
    checks.push(
      keysMatch(privateKey, cert.publicKey)
        ? {
            name,
            level: 'ok',
            message: msg('key-matches', { subject: cert.subject }),
          }
        : {
            name,
            level: 'error',
            message: msg('key-mismatch', { path }),
          },
    );
  }
  const { valid, expiresInDays } = certificateValidity(cert, now);
  const until = cert.validTo.toISOString().slice(0, 10);
  if (!valid && now < cert.validFrom) {
    const from = cert.validFrom.toISOString().slice(0, 10);
    checks.push({
      name: `${name}.validity`,
      level: 'error',
      message: msg('cert-not-yet', { from }),
    });
  } else if (!valid) {
    checks.push({
      name: `${name}.validity`,
      level: 'error',
      message: msg('cert-expired', { until }),
    });
  } else {
    const soon = cert.validTo.getTime() - now.getTime() < EXPIRY_WARNING_DAYS * DAY;
    checks.push({
      name: `${name}.validity`,
      level: soon ? 'warn' : 'ok',
      message: soon ? msg('cert-expiring', { until, days: expiresInDays }) : msg('cert-valid', { until }),
    });
  }
  return checks;
}

/** The apikey: given (masked, and where it comes from) and not written inline in the config. */
export function apikeyChecks(apikey: string | undefined, ref: string | undefined): Check[] {
  if (!apikey) return [{ name: 'apikey', level: 'error', message: msg('apikey-missing') }];
  const checks: Check[] = [
    { name: 'apikey', level: 'ok', message: same(`${mask(apikey)}${ref ? ` (${ref})` : ''}`) },
  ];
  if (!ref) checks.push({ name: 'apikey.inline', level: 'warn', message: msg('apikey-inline') });
  return checks;
}

/** The merchant key (it loads; its file mode) and its certificate (beside it, or inside the PKCS#12). */
export async function merchantKeyChecks(p: PartialProfile, now: Date): Promise<Check[]> {
  if (!p.merchantKey)
    return [{ name: 'merchantKey', level: 'error', message: msg('merchant-key-unavailable') }];
  const checks: Check[] = [];
  let privateKey: KeyObject | undefined;
  const { loadPrivateKey } = await import('../keys/load.js');
  try {
    privateKey = await loadPrivateKey(p.merchantKey);
    const bits = privateKey.asymmetricKeyDetails?.modulusLength;
    checks.push({
      name: 'merchantKey',
      level: 'ok',
      message: same(`${p.merchantKey.path} (RSA ${bits ?? '?'})`),
    });
  } catch (err) {
    checks.push({ name: 'merchantKey', level: 'error', message: errText(err) });
  }
  checks.push(permissions('merchantKey.permissions', p.merchantKey.path));
  if (p.merchantCert) {
    checks.push(...(await certificateChecks('merchantCert', p.merchantCert, undefined, privateKey, now)));
  } else if (/\.(p12|pfx)$/i.test(p.merchantKey.path) && privateKey) {
    // the certificate inside the PKCS#12 expires too
    const { path, password } = p.merchantKey;
    checks.push(...(await certificateChecks('merchantCert', path, password, privateKey, now)));
  }
  return checks;
}

/** The platform's keys (certificates checked for their dates) and the field-encryption key. */
export async function publicKeyChecks(p: PartialProfile, now: Date): Promise<Check[]> {
  const { loadPublicKey } = await import('../keys/load.js');
  const checks: Check[] = [];
  for (const ref of p.platformKeys ?? []) {
    const name = `platformKey${ref.certid ? ` ${ref.certid}` : ''}`;
    try {
      await loadPublicKey(ref.path);
      checks.push({ name, level: 'ok', message: same(ref.path) });
      const text = statSync(ref.path).size < 65_536 ? readFileSync(ref.path, 'latin1') : '';
      if (text.includes('CERTIFICATE')) {
        checks.push(...(await certificateChecks(name, ref.path, undefined, undefined, now)));
      }
    } catch (err) {
      checks.push({ name, level: 'error', message: errText(err) });
    }
  }
  if (p.encryptionKey) {
    try {
      await loadPublicKey(p.encryptionKey.path);
      checks.push({ name: 'encryptionKey', level: 'ok', message: same(p.encryptionKey.path) });
    } catch (err) {
      checks.push({ name: 'encryptionKey', level: 'error', message: errText(err) });
    }
  }
  return checks;
}

/** Files holding secrets (file: references) readable by others: only the ones that are. */
export function secretFileChecks(secretFiles: Record<string, string>): Check[] {
  return Object.entries(secretFiles)
    .map(([at, file]) => permissions(`${at.replace(/^profiles\.[^.]+\./, '')}.permissions`, file))
    .filter((c) => c.level !== 'ok');
}

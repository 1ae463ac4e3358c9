import type { KeyObject } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { ImpError } from '../core/errors.js';
import { isLoopback } from '../core/loopback.js';
import { mask } from '../core/mask.js';
import { type Message, msg } from '../core/message.js';
import { type Inspection, inspectProfile } from './inspect.js';
import type { LoadOptions } from './locate.js';
import { formatProblem } from './problems.js';

/** ok ✔, warn ⚠ (allowed, exit 0), error ✖ (exit 2). */
export type CheckLevel = 'ok' | 'warn' | 'error';

/** Every message of `imp config doctor` (words: src/output/messages/doctor.ts); `plain` is said as is. */
export type DoctorCode =
  | 'plain'
  | 'perm-open'
  | 'perm-ok'
  | 'key-matches'
  | 'key-mismatch'
  | 'cert-not-yet'
  | 'cert-expired'
  | 'cert-expiring'
  | 'cert-valid'
  | 'baseurl-missing'
  | 'allow-insecure'
  | 'http-allowed'
  | 'http-refused'
  | 'sftp-incomplete'
  | 'host-key-pinned'
  | 'host-key-unpinned'
  | 'ftps'
  | 'ftp-loopback'
  | 'ftp-plain-allowed'
  | 'ftp-plain-refused'
  | 'config-ok'
  | 'apikey-inline'
  | 'apikey-missing'
  | 'merchant-key-unavailable';

/** One line of `imp config doctor`. */
export interface Check {
  name: string;
  level: CheckLevel;
  message: Message<DoctorCode>;
}

const same = (text: string) => msg('plain' as const, { text });
const errText = (err: unknown) => same(err instanceof Error ? err.message : String(err));
const DAY = 86_400_000;
/** Warn this long before a certificate expires. */
export const EXPIRY_WARNING_DAYS = 30;

function permissions(name: string, path: string): Check {
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

function urlChecks(found: Inspection): Check[] {
  const baseUrl = found.profile.baseUrl;
  if (!baseUrl) return [{ name: 'baseUrl', level: 'error', message: msg('baseurl-missing') }];
  const u = new URL(baseUrl);
  const allowed = found.profile.http?.allowInsecure === true;
  const flag: Check[] = allowed
    ? [
        {
          name: 'http.allowInsecure',
          level: 'warn',
          message: msg('allow-insecure'),
        },
      ]
    : [];
  // loopback hosts may use plain http (the sandbox); anything else must be https
  if (u.protocol === 'https:' || isLoopback(u.hostname)) {
    return [{ name: 'baseUrl', level: 'ok', message: same(baseUrl) }, ...flag];
  }
  return [
    {
      name: 'baseUrl',
      level: allowed ? 'warn' : 'error',
      message: msg(allowed ? 'http-allowed' : 'http-refused', { url: baseUrl }),
    },
    ...flag,
  ];
}

function sftpChecks(found: Inspection): Check[] {
  const s = found.profile.sftp;
  if (!s) return [];
  const checks: Check[] = [];
  const missing = [
    !s.host && 'host',
    !s.username && 'username',
    !s.password && !s.privateKey && 'password or privateKey',
  ];
  const gaps = missing.filter(Boolean).join(', ');
  checks.push(
    gaps
      ? {
          name: 'sftp',
          level: 'error',
          message: msg('sftp-incomplete', { gaps }),
        }
      : { name: 'sftp', level: 'ok', message: same(`${s.username}@${s.host}:${s.port}${s.remoteDir}`) },
  );
  const protocol = s.protocol ?? 'sftp';
  if (protocol !== 'sftp') {
    checks.push(transportCheck(protocol, s.host, !!s.allowInsecure));
    return checks;
  }
  checks.push(
    s.hostKey
      ? {
          name: 'sftp.hostKey',
          level: 'ok',
          message: msg('host-key-pinned', { hostKey: s.hostKey }),
        }
      : {
          name: 'sftp.hostKey',
          level: 'warn',
          message: msg('host-key-unpinned'),
        },
  );
  if (s.privateKey) checks.push(permissions('sftp.privateKey.permissions', s.privateKey));
  return checks;
}

/** FTPS is checked by TLS; plain FTP sends the password in clear (allowed to loopback, or by allowInsecure). */
function transportCheck(protocol: 'ftps' | 'ftp', host: string, allowInsecure: boolean): Check {
  if (protocol === 'ftps') {
    return { name: 'sftp.protocol', level: 'ok', message: msg('ftps') };
  }
  if (isLoopback(host)) {
    return { name: 'sftp.protocol', level: 'ok', message: msg('ftp-loopback') };
  }
  return {
    name: 'sftp.protocol',
    level: allowInsecure ? 'warn' : 'error',
    message: msg(allowInsecure ? 'ftp-plain-allowed' : 'ftp-plain-refused', { host }),
  };
}

/**
 * Every check of `imp config doctor`, in order. Never throws for a bad config: a problem
 * is a ✖ line and the checks that can still run do.
 */
export async function runDoctor(
  opts: LoadOptions,
  now = new Date(),
): Promise<{ config?: string; checks: Check[] }> {
  let found: Inspection;
  try {
    found = await inspectProfile(opts);
  } catch (err) {
    if (!(err instanceof ImpError)) throw err;
    return {
      checks: [{ name: 'config', level: 'error', message: same([err.message, ...err.hints].join('; ')) }],
    };
  }
  const p = found.profile;
  const checks: Check[] = found.problems.length
    ? found.problems.map((pr) => ({ name: 'config', level: 'error', message: same(formatProblem(pr)) }))
    : [
        {
          name: 'config',
          level: 'ok',
          message: msg('config-ok', { path: found.file.path, profile: p.name }),
        },
      ];

  const apikeyRef = found.refs[`profiles.${p.name}.apikey`];
  if (p.apikey) {
    checks.push({
      name: 'apikey',
      level: 'ok',
      message: same(`${mask(p.apikey)}${apikeyRef ? ` (${apikeyRef})` : ''}`),
    });
    if (!apikeyRef) {
      checks.push({
        name: 'apikey.inline',
        level: 'warn',
        message: msg('apikey-inline'),
      });
    }
  } else checks.push({ name: 'apikey', level: 'error', message: msg('apikey-missing') });

  let privateKey: KeyObject | undefined;
  if (p.merchantKey) {
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
  } else
    checks.push({
      name: 'merchantKey',
      level: 'error',
      message: msg('merchant-key-unavailable'),
    });

  if (p.merchantCert) {
    checks.push(...(await certificateChecks('merchantCert', p.merchantCert, undefined, privateKey, now)));
  } else if (p.merchantKey && /\.(p12|pfx)$/i.test(p.merchantKey.path) && privateKey) {
    // the certificate inside the PKCS#12 expires too
    checks.push(
      ...(await certificateChecks(
        'merchantCert',
        p.merchantKey.path,
        p.merchantKey.password,
        privateKey,
        now,
      )),
    );
  }

  const { loadPublicKey } = await import('../keys/load.js');
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
  for (const [at, file] of Object.entries(found.secretFiles)) {
    const c = permissions(`${at.replace(/^profiles\.[^.]+\./, '')}.permissions`, file);
    if (c.level !== 'ok') checks.push(c);
  }
  checks.push(...urlChecks(found), ...sftpChecks(found));
  return { config: found.file.path, checks };
}

import { ImpError } from '../core/errors.js';
import { isLoopback } from '../core/loopback.js';
import { msg } from '../core/message.js';
import { type Check, same } from './doctor-check.js';
import {
  apikeyChecks,
  merchantKeyChecks,
  permissions,
  publicKeyChecks,
  secretFileChecks,
} from './doctor-keys.js';
import { type Inspection, inspectProfile } from './inspect.js';
import type { LoadOptions } from './locate.js';
import { formatProblem } from './problems.js';

export type { Check, CheckLevel, DoctorCode } from './doctor-check.js';

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
  checks.push(...apikeyChecks(p.apikey, found.refs[`profiles.${p.name}.apikey`]));
  checks.push(...(await merchantKeyChecks(p, now)));
  checks.push(...(await publicKeyChecks(p, now)));
  checks.push(...secretFileChecks(found.secretFiles));
  checks.push(...urlChecks(found), ...sftpChecks(found));
  return { config: found.file.path, checks };
}

import type { KeyObject } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { ImpError } from '../core/errors.js';
import { isLoopback } from '../core/loopback.js';
import { mask } from '../core/mask.js';
import { type Text, t } from '../output/i18n.js';
import { type Inspection, inspectProfile } from './inspect.js';
import type { LoadOptions } from './locate.js';
import { formatProblem } from './problems.js';

/** ok ✔, warn ⚠ (allowed, exit 0), error ✖ (exit 2). */
export type CheckLevel = 'ok' | 'warn' | 'error';

/** One line of `imp config doctor`. */
export interface Check {
  name: string;
  level: CheckLevel;
  message: Text;
}

const same = (s: string): Text => ({ zh: s, en: s });
const errText = (err: unknown): Text => same(err instanceof Error ? err.message : String(err));
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
      message: t(
        `${path} 可被同组或其他用户读取（权限 ${octal}）：执行 chmod 600 ${path}`,
        `${path} is readable by group/others (mode ${octal}): run chmod 600 ${path}`,
      ),
    };
  }
  return {
    name,
    level: 'ok',
    message: t(`${path} 仅本人可读（${octal}）`, `${path} readable by owner only (${octal})`),
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
            message: t(`私钥与证书匹配（${cert.subject}）`, `private key matches ${cert.subject}`),
          }
        : {
            name,
            level: 'error',
            message: t(`私钥与证书 ${path} 不匹配`, `private key does not match the certificate ${path}`),
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
      message: t(`证书 ${from} 才生效`, `certificate not valid before ${from}`),
    });
  } else if (!valid) {
    checks.push({
      name: `${name}.validity`,
      level: 'error',
      message: t(`证书已于 ${until} 过期`, `certificate expired on ${until}`),
    });
  } else {
    const soon = cert.validTo.getTime() - now.getTime() < EXPIRY_WARNING_DAYS * DAY;
    checks.push({
      name: `${name}.validity`,
      level: soon ? 'warn' : 'ok',
      message: soon
        ? t(
            `证书将于 ${until} 过期（${expiresInDays} 天后）：请及时更换`,
            `certificate expires on ${until} (in ${expiresInDays} days): renew it`,
          )
        : t(`证书有效期至 ${until}`, `certificate valid until ${until}`),
    });
  }
  return checks;
}

function urlChecks(found: Inspection): Check[] {
  const baseUrl = found.profile.baseUrl;
  if (!baseUrl)
    return [
      { name: 'baseUrl', level: 'error', message: t('baseUrl 缺失或无效', 'baseUrl missing or invalid') },
    ];
  const u = new URL(baseUrl);
  const allowed = found.profile.http?.allowInsecure === true;
  const flag: Check[] = allowed
    ? [
        {
          name: 'http.allowInsecure',
          level: 'warn',
          message: t(
            'http.allowInsecure 为 true：允许以明文 http 向非本机地址发送签名请求与通知',
            'http.allowInsecure is true: signed requests and notifications may go to other hosts over plain http',
          ),
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
      message: allowed
        ? t(
            `${baseUrl}：明文 http 发往非本机地址（http.allowInsecure 允许）`,
            `${baseUrl}: plain http to a non-loopback host (allowed by http.allowInsecure)`,
          )
        : t(
            `${baseUrl}：非本机地址必须使用 https（imp 拒绝发送）`,
            `${baseUrl}: a non-loopback host must use https (imp refuses to send)`,
          ),
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
          message: t(`SFTP 设置不完整：缺少 ${gaps}`, `sftp settings incomplete: missing ${gaps}`),
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
          message: t(`主机密钥已固定：${s.hostKey}`, `host key pinned: ${s.hostKey}`),
        }
      : {
          name: 'sftp.hostKey',
          level: 'warn',
          message: t(
            '未固定 sftp.hostKey：无法确认服务器身份；首次用 imp recon fetch --accept-new-host-key 固定',
            "sftp.hostKey not pinned: the server's identity is not checked; pin it on first use with imp recon fetch --accept-new-host-key",
          ),
        },
  );
  if (s.privateKey) checks.push(permissions('sftp.privateKey.permissions', s.privateKey));
  return checks;
}

/** FTPS is checked by TLS; plain FTP sends the password in clear (allowed to loopback, or by allowInsecure). */
function transportCheck(protocol: 'ftps' | 'ftp', host: string, allowInsecure: boolean): Check {
  if (protocol === 'ftps') {
    return { name: 'sftp.protocol', level: 'ok', message: same('ftps: explicit TLS, certificate checked') };
  }
  if (isLoopback(host)) {
    return { name: 'sftp.protocol', level: 'ok', message: same('ftp to this machine (plain text)') };
  }
  return {
    name: 'sftp.protocol',
    level: allowInsecure ? 'warn' : 'error',
    message: t(
      `明文 FTP 到 ${host}：密码和文件不加密${allowInsecure ? '（sftp.allowInsecure 已允许）' : '；imp recon fetch 会拒绝（改用 ftps/sftp 或设置 sftp.allowInsecure）'}`,
      `plain FTP to ${host}: password and files travel unencrypted${allowInsecure ? ' (allowed by sftp.allowInsecure)' : '; imp recon fetch refuses it (use ftps/sftp, or set sftp.allowInsecure)'}`,
    ),
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
          message: t(`${found.file.path}（配置 ${p.name}）`, `${found.file.path} (profile ${p.name})`),
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
        message: t(
          'apikey 直接写在配置文件里：建议改用 env:NAME 或 file:path',
          'apikey is written in the config file: prefer env:NAME or file:path',
        ),
      });
    }
  } else checks.push({ name: 'apikey', level: 'error', message: t('apikey 缺失', 'apikey missing') });

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
      message: t('商户私钥不可用', 'merchant private key unavailable'),
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

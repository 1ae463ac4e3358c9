import { UsageError } from '../../core/errors.js';
import { isLoopback } from '../../core/loopback.js';

/** The chat robots imp can post to, and a plain JSON webhook. */
export const ALERT_FORMATS = ['wecom', 'dingtalk', 'feishu', 'json'] as const;
export type AlertFormat = (typeof ALERT_FORMATS)[number];

/** Where an alert goes: the URL (with its secrets), its format, and how to name it in output. */
export interface AlertTarget {
  url: string;
  format: AlertFormat;
  /** The URL with every secret hidden: the only form that is ever printed. */
  shown: string;
  /** The secret pieces of the URL (query values, token path segments, password). */
  secrets: string[];
}

/** Robots by host: WeCom (企业微信), DingTalk (钉钉), Feishu/Lark (飞书). */
function formatOfHost(host: string): AlertFormat {
  if (host === 'qyapi.weixin.qq.com') return 'wecom';
  if (host === 'oapi.dingtalk.com') return 'dingtalk';
  if (host === 'open.feishu.cn' || host === 'open.larksuite.com') return 'feishu';
  return 'json';
}

/** A path segment that is a token rather than a name (Feishu's hook id, a generic /hooks/<secret>). */
const TOKEN_SEGMENT = /^[A-Za-z0-9_-]{16,}$/;

/**
 * Read `--alert <url>` (and `--alert-format`). The URL must be https, or http to this machine
 * (the transport rule imp applies to the platform): a robot URL carries its secret, and the
 * alert carries amounts. Refused up front (exit 2), before the command does its work.
 */
export function alertTarget(url: string, format?: string): AlertTarget {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new UsageError('--alert: not a URL (expected https://…)', { code: 'ALERT_URL' });
  }
  const secrets: string[] = [];
  for (const [, v] of u.searchParams) if (v) secrets.push(v);
  for (const seg of u.pathname.split('/')) if (TOKEN_SEGMENT.test(seg)) secrets.push(seg);
  if (u.password) secrets.push(u.password);
  if (u.username) secrets.push(u.username);
  const shown = hide(u);
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && isLoopback(u.hostname))) {
    throw new UsageError(`--alert ${shown}: only https:// (or http:// to this machine)`, {
      code: 'ALERT_URL',
    });
  }
  if (format !== undefined && !(ALERT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--alert-format ${format}: expected one of ${ALERT_FORMATS.join(', ')}`);
  }
  return { url, format: (format as AlertFormat | undefined) ?? formatOfHost(u.hostname), shown, secrets };
}

function hide(u: URL): string {
  const c = new URL(u.href);
  c.username = '';
  c.password = '';
  c.pathname = c.pathname
    .split('/')
    .map((seg) => (TOKEN_SEGMENT.test(seg) ? '••••' : seg))
    .join('/');
  const keys = [...new Set([...c.searchParams.keys()])];
  c.search = keys.length ? `?${keys.map((k) => `${encodeURIComponent(k)}=••••`).join('&')}` : '';
  return decodeURI(c.href);
}

/** `text` with every secret of the target replaced, for messages that might echo the URL. */
export function hideSecrets(target: AlertTarget, text: string): string {
  let out = text.split(target.url).join(target.shown);
  for (const s of target.secrets) if (s.length >= 4) out = out.split(s).join('••••');
  return out;
}

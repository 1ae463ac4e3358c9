import type { DoctorCode } from '../../config/doctor.js';
import type { Message } from '../../core/message.js';
import { t } from '../i18n.js';
import { type MessageTable, textOf } from './fill.js';

/** The checks of `imp config doctor` (src/config/doctor.ts), zh and en. */
export const DOCTOR_MESSAGES: MessageTable<DoctorCode> = {
  plain: t('{text}', '{text}'),
  'perm-open': t(
    '{path} 可被同组或其他用户读取（权限 {mode}）：执行 chmod 600 {path}',
    '{path} is readable by group/others (mode {mode}): run chmod 600 {path}',
  ),
  'perm-ok': t('{path} 仅本人可读（{mode}）', '{path} readable by owner only ({mode})'),
  'key-matches': t('私钥与证书匹配（{subject}）', 'private key matches {subject}'),
  'key-mismatch': t('私钥与证书 {path} 不匹配', 'private key does not match the certificate {path}'),
  'cert-not-yet': t('证书 {from} 才生效', 'certificate not valid before {from}'),
  'cert-expired': t('证书已于 {until} 过期', 'certificate expired on {until}'),
  'cert-expiring': t(
    '证书将于 {until} 过期（{days} 天后）：请及时更换',
    'certificate expires on {until} (in {days} days): renew it',
  ),
  'cert-valid': t('证书有效期至 {until}', 'certificate valid until {until}'),
  'baseurl-missing': t('baseUrl 缺失或无效', 'baseUrl missing or invalid'),
  'allow-insecure': t(
    'http.allowInsecure 为 true：允许以明文 http 向非本机地址发送签名请求与通知',
    'http.allowInsecure is true: signed requests and notifications may go to other hosts over plain http',
  ),
  'http-allowed': t(
    '{url}：明文 http 发往非本机地址（http.allowInsecure 允许）',
    '{url}: plain http to a non-loopback host (allowed by http.allowInsecure)',
  ),
  'http-refused': t(
    '{url}：非本机地址必须使用 https（imp 拒绝发送）',
    '{url}: a non-loopback host must use https (imp refuses to send)',
  ),
  'sftp-incomplete': t('SFTP 设置不完整：缺少 {gaps}', 'sftp settings incomplete: missing {gaps}'),
  'host-key-pinned': t('主机密钥已固定：{hostKey}', 'host key pinned: {hostKey}'),
  'host-key-unpinned': t(
    '未固定 sftp.hostKey：无法确认服务器身份；首次用 imp recon fetch --accept-new-host-key 固定',
    "sftp.hostKey not pinned: the server's identity is not checked; pin it on first use with imp recon fetch --accept-new-host-key",
  ),
  ftps: t('ftps：显式 TLS，校验证书', 'ftps: explicit TLS, certificate checked'),
  'ftp-loopback': t('ftp 到本机（明文）', 'ftp to this machine (plain text)'),
  'ftp-plain-allowed': t(
    '明文 FTP 到 {host}：密码和文件不加密（sftp.allowInsecure 已允许）',
    'plain FTP to {host}: password and files travel unencrypted (allowed by sftp.allowInsecure)',
  ),
  'ftp-plain-refused': t(
    '明文 FTP 到 {host}：密码和文件不加密；imp recon fetch 会拒绝（改用 ftps/sftp 或设置 sftp.allowInsecure）',
    'plain FTP to {host}: password and files travel unencrypted; imp recon fetch refuses it (use ftps/sftp, or set sftp.allowInsecure)',
  ),
  'config-ok': t('{path}（配置 {profile}）', '{path} (profile {profile})'),
  'apikey-inline': t(
    'apikey 直接写在配置文件里：建议改用 env:NAME 或 file:path',
    'apikey is written in the config file: prefer env:NAME or file:path',
  ),
  'apikey-missing': t('apikey 缺失', 'apikey missing'),
  'merchant-key-unavailable': t('商户私钥不可用', 'merchant private key unavailable'),
};

/** A doctor check's words. */
export const doctorText = (m: Message<DoctorCode>) => textOf(DOCTOR_MESSAGES, m);

/** The command's closing lines. */
export type DoctorSummaryCode = 'failed' | 'passed' | 'passed-warnings' | 'not-checked';

export const DOCTOR_SUMMARY: MessageTable<DoctorSummaryCode> = {
  failed: t('{errors} 项失败，{warnings} 项警告', '{errors} failed, {warnings} warning{s}'),
  passed: t('离线检查全部通过', 'all offline checks passed'),
  'passed-warnings': t(
    '离线检查全部通过（{warnings} 项警告）',
    'all offline checks passed ({warnings} warning{s})',
  ),
  'not-checked': t(
    '未检查（不联网）：baseUrl 是否可达、TLS、签名方言、平台是否接受 apikey 与密钥、SFTP 登录与主机密钥。联网检查：{probe}',
    'not checked (offline): whether baseUrl answers, TLS, the signature dialect, whether the platform accepts the apikey and keys, the SFTP login and host key. Check them online: {probe}',
  ),
};

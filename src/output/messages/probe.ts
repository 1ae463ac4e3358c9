import type { Message } from '../../core/message.js';
import type { ProbeCode } from '../../probe/types.js';
import { t } from '../i18n.js';
import { type MessageTable, textOf } from './fill.js';

/** `imp config probe`'s checks (src/probe/*, src/commands/config/probe.ts), zh and en. */
export const PROBE_MESSAGES: MessageTable<ProbeCode> = {
  'dns-ok': t('{host} 解析为 {list}', '{host} resolves to {list}'),
  'dns-failed': t('无法解析 {host}（{code}）', 'cannot resolve {host} ({code})'),
  'tcp-timeout': t('连接 {host}:{port} 超时（{ms} ms）', 'no TCP connection to {host}:{port} in {ms} ms'),
  'tcp-ok': t('{host}:{port} 可连接，{ms} ms', '{host}:{port} reachable in {ms} ms'),
  'tcp-failed': t('无法连接 {host}:{port}（{code}）', 'cannot connect to {host}:{port} ({code})'),
  'tls-timeout': t('TLS 握手超时', 'TLS handshake timed out after {ms} ms'),
  'tls-expiring': t(
    '证书 {who} 将在 {days} 天后过期（{validTo}）',
    'certificate {who} expires in {days} days ({validTo})',
  ),
  'tls-ok': t('证书 {who} 可信，{days} 天后过期', 'certificate {who} trusted, expires in {days} days'),
  'tls-failed': t(
    'TLS 失败：{code}（银行使用私有 CA 时设置 http.ca）',
    'TLS failed: {code} (set http.ca if the bank uses a private CA)',
  ),
  'sftp-unreachable': t('SFTP {where} 不可达：{error}', 'SFTP {where} unreachable: {error}'),
  'sftp-unpinned': t(
    'SFTP {where} 可达，主机密钥 {key} 未固定（sftp.hostKey）',
    'SFTP {where} reachable; its host key {key} is not pinned (sftp.hostKey)',
  ),
  'sftp-mismatch': t(
    'SFTP {where} 的主机密钥 {key} 与固定的 {pinned} 不符',
    'SFTP {where} shows host key {key}, not the pinned {pinned}',
  ),
  'sftp-ok': t('SFTP {where} 可达，主机密钥与固定值一致', 'SFTP {where} reachable, host key matches the pin'),
  'query-failed': t('支付查询失败：{why}', 'payment query failed: {why}'),
  'query-answered': t(
    '查询不存在的订单 {orderno}：平台应答 {said}',
    'query of an order that cannot exist ({orderno}): the platform answered {said}',
  ),
  'answer-unverified': t(
    '任何读法都不能验证平台的应答签名：apikey 或 platformKeys 有误',
    "no reading of the signature rules verifies the platform's answer: apikey or platformKeys is wrong",
  ),
  'answer-verifies': t(
    '应答签名可验证（certid {certid}）',
    "the answer's signature verifies (certid {certid})",
  ),
  'request-refused': t(
    '平台拒绝 imp 的请求签名（所有读法）：检查 apikey、merchantKey（银行须持有您的证书）',
    "the platform refuses imp's request signature under every reading: check apikey and merchantKey (the bank must hold your certificate)",
  ),
  'request-split': t(
    '平台接受的请求签名（signType={signType}，digest={digest}）与其应答的签名读法不同：没有一种方言同时适用',
    'the platform accepts requests signed with signType={signType}, digest={digest}, unlike its answers: no single dialect fits both',
  ),
  'request-accepted': t('平台接受 imp 的请求签名', "the platform accepts imp's request signature"),
  'known-order-failed': t(
    '查询 --order {order} 未成功：{why}',
    'query of --order {order} did not succeed: {why}',
  ),
  'apikey-split': t(
    '错误应答带 apikey 而成功应答不带：没有对应的 answerApikey 设置',
    'error answers carry the apikey but successful ones do not: no answerApikey setting fits',
  ),
  undecided: t(
    '无法确定 signature.{key}（保留 {kept}）：{why}',
    'cannot decide signature.{key} (kept {kept}): {why}',
  ),
  'why-answer-apikey': t(
    '需要 --order <已支付的订单号> 才能看到成功应答',
    'needs --order <a known, paid order> to see a successful answer',
  ),
  'why-answer-empty': t(
    '应答中没有空值字段（--order <已支付的订单号> 的应答会有）',
    'the answers carried no empty field (that of --order <a known, paid order> would)',
  ),
  'why-sign-type': t('应答中没有 sign_type 字段', 'the answers carried no sign_type'),
  'why-empty-fields': t(
    '带空值字段的查询未得到可判断的应答',
    'the query carrying an empty field got no telling answer',
  ),
  'why-none': t('', ''),
  'dialect-written': t(
    '已写入 {path} 的 profiles.{profile}.signature（{change}）',
    'wrote profiles.{profile}.signature in {path} ({change})',
  ),
  'dialect-written-same': t(
    '已写入 {path} 的 profiles.{profile}.signature（与原配置一致）',
    'wrote profiles.{profile}.signature in {path} (as it was)',
  ),
  'dialect-differs': t(
    '平台使用 {change}；在 profiles.{profile} 中设置 {block}，或加 --write',
    'the platform uses {change}; set {block} in profiles.{profile}, or run with --write',
  ),
  'dialect-agrees': t('配置的签名方言与平台一致', "the profile's signature dialect agrees with the platform"),
  problems: t('{n} 个问题', '{n} problem{s}'),
  'all-agree': t('一切一致', 'everything agrees'),
};

/** A probe line's words. */
export const probeText = (m: Message<ProbeCode>) => textOf(PROBE_MESSAGES, m);

import { t } from '../i18n.js';
import type { MessageTable } from './fill.js';

/** The HTTP client's failures (src/http/client.ts), zh and en. */
export type HttpCode =
  | 'http-timeout'
  | 'http-refused'
  | 'http-dropped'
  | 'http-unresolved'
  | 'http-failed'
  | 'http-tls'
  | 'http-not-sent'
  | 'http-status';

export const HTTP_MESSAGES: MessageTable<HttpCode> = {
  'http-timeout': t('{where} 未在时限内应答（{event}）', 'no answer from {where} in time ({event})'),
  'http-refused': t('{where} 拒绝连接', 'connection to {where} refused'),
  'http-dropped': t('与 {where} 的连接在应答前断开', 'connection to {where} dropped before an answer'),
  'http-unresolved': t('无法解析 {where}', 'cannot resolve {where}'),
  'http-failed': t('请求 {where} 失败：{detail}', 'request to {where} failed: {detail}'),
  'http-tls': t('{where} 的 TLS 握手失败（{code}）', 'TLS handshake with {where} failed ({code})'),
  'http-not-sent': t(
    '无法连接支付平台（{what}）；请求没有发出，可以放心重试',
    'could not reach the platform ({what}); nothing was sent; safe to run again',
  ),
  'http-status': t('{where} 返回 HTTP {status}', 'HTTP {status} from {where}'),
};

import { t } from '../i18n.js';
import { type MessageTable, textOf } from './fill.js';

/** Words of the notification listener's lines (src/notify/format.ts). */
export type NotifyCode =
  | 'oversize'
  | 'unreadable-body'
  | 'yuan'
  | 'signature'
  | 'repeat'
  | 'not-forwarded'
  | 'not-saved-cap'
  | 'handler-down';

export const NOTIFY_MESSAGES: MessageTable<NotifyCode> = {
  oversize: t(
    '{bytes} 字节，超过 64 KiB 上限：已拒绝（413）',
    '{bytes} bytes, over the 64 KiB limit: refused (413)',
  ),
  'unreadable-body': t('无法解析的消息', 'unreadable body'),
  yuan: t('元', 'yuan'),
  signature: t('签名', 'signature'),
  repeat: t('[重复]', '[repeat]'),
  'not-forwarded': t(
    '未转发：验签未通过（--forward-unverified 可转发）',
    'not forwarded: not verified (--forward-unverified forwards it)',
  ),
  'not-saved-cap': t('未保存：已达今日 --save 字节上限', "not saved: today's --save byte cap is reached"),
  'handler-down': t('处理程序不可达', 'handler DOWN'),
};

/** A listener line's words. */
export const notifyText = (code: NotifyCode, params?: Record<string, string | number>) =>
  textOf(NOTIFY_MESSAGES, { code, params });

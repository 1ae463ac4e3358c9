import type { Message } from '../../core/message.js';
import { MAX_JOURNAL_LINE_BYTES } from '../../journal/line-reader.js';
import type { DamageReason } from '../../journal/read.js';
import { type Text, t } from '../i18n.js';
import { type MessageTable, textOf } from './fill.js';

/** Why a journal line could not be read, as words (warnings, refusals, `journal dismiss`). */
export const DAMAGE_REASON_TEXT: Record<DamageReason, Text> = {
  'not-json': t('不是 JSON', 'not JSON'),
  'not-journal': t('不是日志记录', 'not a journal object'),
  'unknown-type': t('未知类型', 'unknown type'),
  checksum: t('校验和不符：写入后被改动', 'checksum mismatch: changed after it was written'),
  'too-long': t(
    `超过 ${MAX_JOURNAL_LINE_BYTES / 1024} KiB 的行`,
    `longer than ${MAX_JOURNAL_LINE_BYTES / 1024} KiB`,
  ),
};

/** Messages of the journal's reader (src/journal/read.ts) and of `imp journal dismiss`. */
export type JournalCode =
  | 'damaged'
  | 'legacy'
  | 'dismiss-bad-line'
  | 'dismiss-not-damaged'
  | 'dismiss-line'
  | 'dismiss-question'
  | 'dismiss-cancelled'
  | 'dismiss-recorded';

export const JOURNAL_MESSAGES: MessageTable<JournalCode> = {
  damaged: t(
    '日志 {file} 有 {count} 行无法读取，已跳过（第一处：第 {line} 行，{whyZh}；查看后用 {imp} journal dismiss {line} 记录）',
    'journal {file}: {count} unreadable line{s} skipped (first: line {line}, {whyEn}; once looked at, {imp} journal dismiss {line})',
  ),
  legacy: t(
    '日志 {file} 有 {count} 行是旧版 imp 写入的（没有校验和），按原样读取；此后写入的行都带校验和',
    'journal {file}: {count} line{s} written by an older imp (no checksum) read as legacy; lines written from now on carry one',
  ),
  'dismiss-bad-line': t("<line>：'{arg}' 不是行号", "<line>: '{arg}' is not a line number"),
  'dismiss-not-damaged': t(
    '日志 {file} 第 {line} 行不是未处理的无法读取行（{openZh}）',
    'journal {file}: line {line} is not an unreadable line still open ({openEn})',
  ),
  'dismiss-line': t('第 {line} 行', 'line {line}'),
  'dismiss-question': t(
    '确认已查看第 {line} 行？此后提到其中订单的退款不再因此被拒绝',
    'mark line {line} as looked at? Refunds of an order it mentions will no longer be refused for it',
  ),
  'dismiss-cancelled': t('已取消，日志未改', 'cancelled, the journal is unchanged'),
  'dismiss-recorded': t(
    '已记录：日志 {file} 第 {line} 行已查看（{id}）',
    'recorded: line {line} of {file} was looked at ({id})',
  ),
};

/** A journal message's words; a damaged-line warning names its reason in the same language. */
export function journalText(m: Message<JournalCode>): Text {
  const reason = m.params?.reason as DamageReason | undefined;
  const why = reason ? DAMAGE_REASON_TEXT[reason] : undefined;
  return textOf(JOURNAL_MESSAGES, why ? { ...m, params: { ...m.params, whyZh: why.zh, whyEn: why.en } } : m);
}

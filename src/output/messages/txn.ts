import type { JournalState } from '../../journal/types.js';
import { type Text, t } from '../i18n.js';
import type { MessageTable } from './fill.js';

/** Sending and settling transactions (src/txn), zh and en. */
export type TxnCode =
  | 'txn-unknown-query'
  | 'txn-unknown-sent'
  | 'txn-find-out'
  | 'txn-resolve-all'
  | 'txn-wait-timeout'
  | 'txn-state-unknown'
  | 'txn-ask-later'
  | 'txn-no-transno'
  | 'txn-bad-signature'
  | 'txn-check-keys'
  | 'txn-words'
  | 'txn-resolve-config'
  | 'txn-not-by-query'
  | 'txn-not-definite';

export const TXN_MESSAGES: MessageTable<TxnCode> = {
  'txn-unknown-query': t(
    '查询本身没有结果，可稍后重试：',
    'the query itself got no answer; try again later:',
  ),
  'txn-unknown-sent': t(
    '该请求可能已被处理，也可能没有。不要用新单号重发，先查询：',
    'the request may or may not have been processed. Do not re-send under a new number; find out with:',
  ),
  'txn-find-out': t('  {command}', '  {command}'),
  'txn-resolve-all': t('或 {command}（查询所有未决请求）', 'or {command} (queries every unsettled request)'),
  'txn-wait-timeout': t(
    '等待 {seconds} 秒后仍无最终结果（{state}）',
    'no final state after {seconds} s ({state})',
  ),
  'txn-state-unknown': t('未知', 'unknown'),
  'txn-ask-later': t('稍后再查：{command}', 'ask again later: {command}'),
  'txn-no-transno': t(
    '无法得到订单 {orderno} 的 IMP 订单号（{answer}）：请用 --transno 指定',
    'cannot find the IMP order number of {orderno} ({answer}): give it with --transno',
  ),
  'txn-bad-signature': t(
    '应答签名验证失败：结果未知，不可信任应答中的任何字段',
    "the answer's signature did not verify: the outcome is unknown (no field of it can be trusted)",
  ),
  'txn-check-keys': t(
    '检查配置的平台公钥（platformKeys / certid）；imp verify --explain 可诊断',
    'check the configured platform key(s) (platformKeys, certid); imp verify --explain diagnoses',
  ),
  // words already in both languages: a catalogue label, a note of verify's dialect search
  'txn-words': t('{zh}', '{en}'),
  'txn-resolve-config': t(
    '平台答复 {answer}：{problem}。已停止，其余 {untouched} 条未动（之前处理 {handled} 条）',
    'the platform answered {answer}: {problem}. Stopped; {untouched} entries left untouched ({handled} handled before)',
  ),
  'txn-not-by-query': t(
    '{txn} 无法通过查询确定结果：可再次运行（关闭订单可重复执行）',
    '{txn} cannot be settled by a query: run it again (closing is idempotent)',
  ),
  'txn-not-definite': t(
    '{code}：不是对该请求的明确答复，结果仍未知',
    '{code}: not a definite answer about this request; the outcome stays unknown',
  ),
};

/** A transaction's (and its journal entry's) state in words: the result table and the journal's lists. */
export const STATE_WORDS: Record<JournalState, Text> = {
  success: t('成功', 'success'),
  failure: t('失败', 'failed'),
  pending: t('处理中', 'pending'),
  unknown: t('结果未知', 'unknown'),
  not_sent: t('未发出', 'not sent'),
};

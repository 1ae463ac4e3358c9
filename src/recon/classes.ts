import type { Text } from '../output/i18n.js';
import { t } from '../output/i18n.js';

/**
 * How a line of the bank file and a line of the merchant's ledger compare, after roncoo-pay's
 * reconciliation classes. "Platform" there is the merchant's own system, so 平台漏单 is an
 * order the bank settled that the ledger lacks, and 短款/长款 say whether the ledger's amount
 * is below or above the bank's.
 */
export const RECON_CLASSES = [
  'matched',
  'platform_missing',
  'bank_missing',
  'short',
  'long',
  'status_mismatch',
  'unsettled_local',
  'fee_mismatch',
  'duplicate',
  'pending_cross_day',
] as const;
export type ReconClass = (typeof RECON_CLASSES)[number];

/** Labels of every class, zh and en. */
export const RECON_CLASS_LABELS: Record<ReconClass, Text> = {
  matched: t('已匹配', 'matched'),
  platform_missing: t('平台漏单（银行有、台账无）', 'platform missing: the bank has it, the ledger does not'),
  bank_missing: t(
    '银行漏单（台账成功、银行无）',
    'bank missing: the ledger has a success the bank file lacks',
  ),
  short: t('短款（台账金额小于银行）', "short: the ledger's amount is below the bank's"),
  long: t('长款（台账金额大于银行）', "long: the ledger's amount is above the bank's"),
  status_mismatch: t(
    '状态不符（银行成功、台账未成功）',
    'status differs: the bank has it, the ledger says failed/pending',
  ),
  unsettled_local: t(
    '本地未决（银行成功、日志中结果未定：先 imp journal resolve）',
    'unsettled locally: the bank settled it, the journal has no final outcome yet (imp journal resolve)',
  ),
  fee_mismatch: t('手续费不符', 'fee differs'),
  duplicate: t('重复', 'duplicate'),
  pending_cross_day: t('跨日待定', 'pending, across days'),
};

/** Short labels for table cells. */
export const RECON_CLASS_SHORT: Record<ReconClass, Text> = {
  matched: t('已匹配', 'matched'),
  platform_missing: t('平台漏单', 'platform missing'),
  bank_missing: t('银行漏单', 'bank missing'),
  short: t('短款', 'short'),
  long: t('长款', 'long'),
  status_mismatch: t('状态不符', 'status differs'),
  unsettled_local: t('本地未决', 'unsettled locally'),
  fee_mismatch: t('手续费不符', 'fee differs'),
  duplicate: t('重复', 'duplicate'),
  pending_cross_day: t('跨日待定', 'pending, across days'),
};

/** Classes that are not differences: a check holding only these is clean. */
export const CLEAN_CLASSES: ReadonlySet<ReconClass> = new Set(['matched', 'pending_cross_day']);

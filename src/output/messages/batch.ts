import type { RowOutcome } from '../../batch/summary.js';
import { type Text, t } from '../i18n.js';

/** What became of a batch row, in words (src/batch/summary.ts has the outcomes), zh and en. */
export const OUTCOME_LABELS: Readonly<Record<RowOutcome, Text>> = {
  success: t('成功', 'success'),
  failure: t('失败', 'failed'),
  pending: t('处理中', 'pending'),
  unknown: t('结果未知', 'unknown'),
  skipped: t('已完成（跳过）', 'skipped (already final)'),
  refused: t('已拒绝（未发送）', 'refused (not sent)'),
};

/** In a refund batch a failed row moved no money, and the summary says so. */
const REFUND_FAILURE: Text = t('失败（未退款）', 'failed (nothing refunded)');

/** The label of an outcome in a batch with (refunds) or without amounts (queries). */
export function outcomeLabel(outcome: RowOutcome, withAmounts: boolean): Text {
  return withAmounts && outcome === 'failure' ? REFUND_FAILURE : OUTCOME_LABELS[outcome];
}

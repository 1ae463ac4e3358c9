import type { BatchSummary, RowOutcome } from '../../batch/summary.js';
import { ROW_OUTCOMES } from '../../batch/summary.js';
import { t } from '../../output/i18n.js';
import { outcomeLabel } from '../../output/messages/batch.js';
import { describeFen } from '../../output/messages/money.js';
import type { Output } from '../../output/output.js';
import { type Tone, toned } from '../../output/style.js';
import { type Cell, renderTable, styled } from '../../output/table.js';

// The tables a batch (refund, query) prints at its end: the summary and the problem rows.

export const OUTCOME_TONES: Record<RowOutcome, Tone> = {
  success: 'ok',
  failure: 'failed',
  pending: 'pending',
  unknown: 'pending',
  skipped: 'muted',
  refused: 'failed',
};

/** Why a row did not succeed: imp's own reason, else the platform's respcode and message. */
export function rowReason(row: { error?: unknown; respcode?: unknown; respmsg?: unknown }): string {
  if (row.error) return String(row.error);
  return [row.respcode, row.respmsg].filter((v) => v !== undefined && v !== '').join(' ');
}

/** The problem rows of a batch as a table: where, which order, what became of it and why. */
export function renderProblems(
  out: Output,
  file: string,
  rows: readonly {
    line: number;
    outcome: RowOutcome;
    orderno?: unknown;
    refundno?: unknown;
    error?: unknown;
    respcode?: unknown;
    respmsg?: unknown;
  }[],
  withAmounts: boolean,
): string {
  const head = [t('行', 'line'), t('订单号', 'order no'), t('结果', 'outcome'), t('原因', 'reason')];
  return renderTable(
    out,
    head,
    rows.map((r) => [
      `${file}:${r.line}`,
      [r.orderno, r.refundno].filter(Boolean).join(' '),
      styled(toned(out, OUTCOME_TONES[r.outcome], out.t(outcomeLabel(r.outcome, withAmounts)))),
      rowReason(r),
    ]),
  );
}

/** The summary table printed at the end of a batch: rows (and amounts) per outcome, and the total. */
export function renderSummary(out: Output, summary: BatchSummary, withAmounts: boolean): string {
  const head = [out.t(t('结果', 'outcome')), out.t(t('行数', 'rows'))];
  if (withAmounts) head.push(out.t(t('金额', 'amount')));
  const rows = ROW_OUTCOMES.filter((o) => summary.counts[o] > 0).map((o) => {
    const r: Cell[] = [
      styled(toned(out, OUTCOME_TONES[o], out.t(outcomeLabel(o, withAmounts)))),
      String(summary.counts[o]),
    ];
    if (withAmounts) r.push(describeFen(summary.amounts[o], out.lang));
    return r;
  });
  const total: string[] = [out.t(t('合计', 'total')), String(summary.total)];
  if (withAmounts)
    total.push(
      describeFen(
        ROW_OUTCOMES.reduce((n, o) => n + summary.amounts[o], 0),
        out.lang,
      ),
    );
  rows.push(total);
  return renderTable(out, head, rows);
}

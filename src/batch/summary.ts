import { describeFen, type Fen } from '../core/money.js';
import { type Text, t } from '../output/i18n.js';
import type { Output } from '../output/output.js';
import { type Tone, toned } from '../output/style.js';
import { type Cell, renderTable, styled } from '../output/table.js';

/**
 * What became of one batch row.
 * - `success` / `failure` / `pending` / `unknown`: what the platform said (or did not say) this run;
 * - `skipped`: already final in the journal, nothing sent this run;
 * - `refused`: a local safety rule or a bad row stopped it, nothing sent.
 */
export const ROW_OUTCOMES = ['success', 'failure', 'pending', 'unknown', 'skipped', 'refused'] as const;
export type RowOutcome = (typeof ROW_OUTCOMES)[number];

/** A row's outcome from the state its request reached (`not_sent`: nothing left, counted as refused). */
export function rowOutcomeOf(state: import('../journal/types.js').JournalState): RowOutcome {
  return state === 'not_sent' ? 'refused' : state;
}

export const OUTCOME_LABELS: Record<RowOutcome, Text> = {
  success: t('成功', 'success'),
  failure: t('失败', 'failed'),
  pending: t('处理中', 'pending'),
  unknown: t('结果未知', 'unknown'),
  skipped: t('已完成（跳过）', 'skipped (already final)'),
  refused: t('已拒绝（未发送）', 'refused (not sent)'),
};

export const OUTCOME_TONES: Record<RowOutcome, Tone> = {
  success: 'ok',
  failure: 'failed',
  pending: 'pending',
  unknown: 'pending',
  skipped: 'muted',
  refused: 'failed',
};

/** In a refund batch a failed row moved no money, and the summary says so. */
const REFUND_FAILURE: Text = t('失败（未退款）', 'failed (nothing refunded)');

/** The label of an outcome in a batch with (refunds) or without amounts (queries). */
export function outcomeLabel(outcome: RowOutcome, withAmounts: boolean): Text {
  return withAmounts && outcome === 'failure' ? REFUND_FAILURE : OUTCOME_LABELS[outcome];
}

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

/** Counts and amounts per outcome: all a batch keeps in memory about its rows. */
export class BatchSummary {
  readonly counts: Record<RowOutcome, number> = {
    success: 0,
    failure: 0,
    pending: 0,
    unknown: 0,
    skipped: 0,
    refused: 0,
  };
  readonly amounts: Record<RowOutcome, Fen> = {
    success: 0,
    failure: 0,
    pending: 0,
    unknown: 0,
    skipped: 0,
    refused: 0,
  };

  add(outcome: RowOutcome, amount?: Fen): void {
    this.counts[outcome] += 1;
    if (amount) this.amounts[outcome] += amount;
  }

  get total(): number {
    return ROW_OUTCOMES.reduce((n, o) => n + this.counts[o], 0);
  }

  /** Rows that still need attention: outcome unknown, or refused. */
  get problems(): number {
    return this.counts.unknown + this.counts.refused;
  }

  toJSON(withAmounts: boolean) {
    return Object.fromEntries(
      ROW_OUTCOMES.map((o) => [
        o,
        withAmounts ? { rows: this.counts[o], amount_fen: this.amounts[o] } : this.counts[o],
      ]),
    );
  }

  /** The summary table printed at the end of a batch. */
  render(out: Output, withAmounts: boolean): string {
    const head = [out.t(t('结果', 'outcome')), out.t(t('行数', 'rows'))];
    if (withAmounts) head.push(out.t(t('金额', 'amount')));
    const rows = ROW_OUTCOMES.filter((o) => this.counts[o] > 0).map((o) => {
      const r: Cell[] = [
        styled(toned(out, OUTCOME_TONES[o], out.t(outcomeLabel(o, withAmounts)))),
        String(this.counts[o]),
      ];
      if (withAmounts) r.push(describeFen(this.amounts[o], out.lang));
      return r;
    });
    const total: string[] = [out.t(t('合计', 'total')), String(this.total)];
    if (withAmounts)
      total.push(
        describeFen(
          ROW_OUTCOMES.reduce((n, o) => n + this.amounts[o], 0),
          out.lang,
        ),
      );
    rows.push(total);
    return renderTable(out, head, rows);
  }
}

import type { Fen } from '../core/money.js';

// The outcomes and their counts; their words are in src/output/messages/batch.ts and the
// tables a batch prints in src/commands/shared/batch-summary.ts.

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
}

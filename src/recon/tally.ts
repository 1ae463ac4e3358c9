import type { BankSummary, SummaryBasis } from './bank-columns.js';
import type { BankTotals } from './bank-file.js';
import type { LedgerIndex } from './ledger-index.js';
import type { LedgerTotals, SelfCheck } from './types.js';

/**
 * The summary line against the detail lines, exact to the 分: the count against every
 * detail line (malformed ones included, they are lines of the file), the totals against
 * the sums of the lines that could be read. The total may be net (refunds negative, as in
 * the file) or gross (refunds counted positive): the spec does not say, either is accepted.
 */
export function buildSelfCheck(summary: BankSummary, totals: BankTotals, duplicates: number): SelfCheck {
  const count = { stated: summary.count, found: totals.details, ok: summary.count === totals.details };
  const basis: SummaryBasis | undefined =
    summary.total === totals.amount ? 'net' : summary.total === totals.gross ? 'gross' : undefined;
  const total = {
    stated: summary.total,
    found: totals.amount,
    net: totals.amount,
    gross: totals.gross,
    ...(basis ? { basis } : {}),
    ok: basis !== undefined,
  };
  const settled = { stated: summary.settled, found: totals.settled, ok: summary.settled === totals.settled };
  return { ok: count.ok && total.ok && settled.ok, count, total, settled, duplicates };
}

/** Success totals of the ledger after duplicates were folded. */
export function ledgerTotals(
  index: LedgerIndex,
  rows: number,
): Omit<LedgerTotals, 'source' | 'encoding' | 'hasFee' | 'malformed'> {
  const success = { pays: { count: 0, amount: 0 }, refunds: { count: 0, amount: 0 } };
  let notSuccess = 0;
  let entries = 0;
  for (const slot of index.slots()) {
    if (index.carriedFrom(slot)) continue;
    entries++;
    if (index.statusOf(slot) !== 'success') {
      notSuccess++;
      continue;
    }
    const side = index.typeOf(slot) === 'pay' ? success.pays : success.refunds;
    side.count++;
    side.amount += index.amountOf(slot);
  }
  return { rows, entries, success, notSuccess };
}

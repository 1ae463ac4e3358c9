import type { BankRow } from './bank-columns.js';
import { RECON_CLASSES, type ReconClass } from './classes.js';
import type { LedgerIndex } from './ledger-index.js';
import type { ClassTally, ReconDifference } from './types.js';
import { nearMidnight } from './window.js';

// The join and the classes of recon check: a bank line against the ledger index, and the
// ledger lines no bank line met. The file reading and the report are in check.ts.

/** The per-class tallies and the differences listed so far. */
export class ClassBook {
  readonly classes = Object.fromEntries(
    RECON_CLASSES.map((c) => [c, { count: 0, bankAmount: 0, ledgerAmount: 0 }]),
  ) as Record<ReconClass, ClassTally>;
  readonly differences: ReconDifference[] = [];
  readonly pending: ReconDifference[] = [];

  /** Count a line in its class; every class but `matched` is listed too. */
  found(cls: ReconClass, d: Omit<ReconDifference, 'class'>): void {
    const tally = this.classes[cls];
    tally.count++;
    if (d.bank) tally.bankAmount += Math.abs(d.bank.amount);
    if (d.ledger) tally.ledgerAmount += d.ledger.amount;
    if (cls === 'matched') return;
    (cls === 'pending_cross_day' ? this.pending : this.differences).push({ class: cls, ...d });
  }
}

/** The ids a difference carries. */
export const ids = (r: { type: 'pay' | 'refund'; orderno: string; refundno: string }) => ({
  type: r.type,
  orderno: r.orderno,
  refundno: r.refundno,
});

/** How bank lines meet the ledger. */
export interface JoinOptions {
  /** Seconds each side of midnight within which one-sided orders are pending. */
  window: number;
  /** A `pending` ledger line is an outcome not yet known locally (the journal). */
  unsettledLocal: boolean;
}

/**
 * The function that joins one bank line to the ledger index (orderno for payments, refundno
 * for refunds) and classifies it; `note` marks a line carried from the day before.
 */
export function bankJoiner(
  index: LedgerIndex,
  book: ClassBook,
  options: JoinOptions,
): (bank: BankRow, note?: string) => void {
  // the matched path allocates nothing: it runs for nearly every line of a million
  const compare = (bank: BankRow, slot: number, note?: string) => {
    const bankAmount = Math.abs(bank.amount);
    const ledgerAmount = index.amountOf(slot);
    let cls: ReconClass = 'matched';
    const status = index.statusOf(slot);
    if (status !== 'success')
      cls = status === 'pending' && options.unsettledLocal ? 'unsettled_local' : 'status_mismatch';
    else if (ledgerAmount < bankAmount) cls = 'short';
    else if (ledgerAmount > bankAmount) cls = 'long';
    else {
      const fee = index.feeOf(slot);
      if (fee !== undefined && fee !== Math.abs(bank.fee)) cls = 'fee_mismatch';
    }
    if (cls === 'matched' && !note) {
      const tally = book.classes.matched;
      tally.count++;
      tally.bankAmount += bankAmount;
      tally.ledgerAmount += ledgerAmount;
      return;
    }
    book.found(cls, { ...ids(bank), bank, ledger: index.get(slot), note });
  };
  return (bank, note) => {
    const key = bank.type === 'pay' ? bank.orderno : bank.refundno;
    const slot = key ? index.find(bank.type, key) : undefined;
    if (slot === undefined) {
      const noRefundno = bank.type === 'refund' && !key ? 'refund line without 商户退款单号' : undefined;
      const cls = !note && nearMidnight(bank.time, options.window) ? 'pending_cross_day' : 'platform_missing';
      return book.found(cls, { ...ids(bank), bank, note: note ?? noRefundno });
    }
    if (index.isSeen(slot)) {
      return book.found('duplicate', {
        ...ids(bank),
        bank,
        note: `a second bank line for this ${bank.type} order`,
      });
    }
    index.markSeen(slot);
    compare(bank, slot, note);
  };
}

/** Ledger successes no bank line met: missing at the bank, or pending when near midnight. */
export function sweepLedger(index: LedgerIndex, book: ClassBook, window: number): void {
  for (const slot of index.unseen()) {
    if (index.statusOf(slot) !== 'success') continue;
    const ledger = index.get(slot);
    if (ledger.carriedFrom) {
      book.found('bank_missing', { ...ids(ledger), ledger, note: `carried from ${ledger.carriedFrom}` });
    } else {
      book.found(nearMidnight(ledger.time, window) ? 'pending_cross_day' : 'bank_missing', {
        ...ids(ledger),
        ledger,
      });
    }
  }
}

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

// Their labels, zh and en: src/output/messages/recon.ts.

/** Classes that are not differences: a check holding only these is clean. */
export const CLEAN_CLASSES: ReadonlySet<ReconClass> = new Set(['matched', 'pending_cross_day']);

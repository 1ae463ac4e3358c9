/**
 * Size limits on reconciliation input that comes from outside (issue 12). Defaults leave a
 * real day's file room: a detail line is about 200–300 bytes, so 5,000,000 lines are about
 * 1.5 GB of CSV, which deflates about 5–10 to 1.
 */
export interface ReconLimits {
  /** A line of the bank file or the ledger longer than this is unreadable (counted, exit 5). */
  maxLineBytes: number;
  /** A zip entry declaring more than this is refused (exit 2). */
  zipEntryBytes: number;
  /** Declared sizes of all entries of one zip, and bytes extracted in one run, at most this. */
  zipTotalBytes: number;
  /** An entry's declared size over its compressed size above this is refused (a zip bomb). */
  zipRatio: number;
}

const GiB = 1024 ** 3;

export const DEFAULT_RECON_LIMITS: ReconLimits = {
  maxLineBytes: 64 * 1024,
  zipEntryBytes: 4 * GiB,
  zipTotalBytes: 8 * GiB,
  zipRatio: 100,
};

/** The names of the limits, as `recon.limits` in a profile holds them. */
export const RECON_LIMIT_KEYS = ['maxLineBytes', 'zipEntryBytes', 'zipTotalBytes', 'zipRatio'] as const;

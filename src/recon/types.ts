import type { Fen } from '../core/money.js';
import type { BankRow, BankSummary, SummaryBasis } from './bank-columns.js';
import type { BankTotals } from './bank-file.js';
import type { ReconClass } from './classes.js';
import type { FileEncoding } from './csv-source.js';
import type { LedgerRow } from './ledger-index.js';

/** One finding of the check: a bank line, a ledger line, or both, and how they compare. */
export interface ReconDifference {
  class: ReconClass;
  type: 'pay' | 'refund';
  orderno: string;
  refundno: string;
  /** The bank's detail line, when the bank file has one. */
  bank?: BankRow;
  /** The ledger's line, when the ledger has one. */
  ledger?: LedgerRow;
  /** One line saying more (which duplicate line, the day an item was carried from). */
  note?: string;
}

/** A line that could not be read; the check went on without it. */
export interface ReconProblem {
  source: 'bank' | 'ledger';
  file: string;
  line: number;
  reason: string;
}

/** Count and amounts (分, magnitudes) of one class. */
export interface ClassTally {
  count: number;
  bankAmount: Fen;
  ledgerAmount: Fen;
}

/** The bank file's summary line against what its detail lines add up to. */
export interface SelfCheck {
  ok: boolean;
  count: { stated: number; found: number; ok: boolean };
  /**
   * The stated total against both readings; `basis` names the one it matched (net first when
   * both do, as with no refunds), absent on a mismatch. `found` is the net sum.
   */
  total: { stated: Fen; found: Fen; net: Fen; gross: Fen; basis?: SummaryBasis; ok: boolean };
  settled: { stated: Fen; found: Fen; ok: boolean };
  /** Lines whose imp_tradeno (and refund no) appeared before. */
  duplicates: number;
}

/** Totals of the ledger side. */
export interface LedgerTotals {
  /** `file.csv` or `journal:<path>`. */
  source: string;
  encoding?: FileEncoding;
  /** Lines read (or journal entries used). */
  rows: number;
  /** Distinct orders/refunds after duplicates were folded. */
  entries: number;
  success: { pays: { count: number; amount: Fen }; refunds: { count: number; amount: Fen } };
  /** Lines neither success (failed or pending) that the bank rightly lacks. */
  notSuccess: number;
  hasFee: boolean;
  malformed: number;
}

/** The `summary` of `--json` and of the summary table. */
export interface ReconSummary {
  file: string;
  date?: string;
  encoding: FileEncoding;
  /** Header rows found and skipped. */
  headerLines: number[];
  intraday: boolean;
  /** Intraday files are informational: settlement uses the end-of-day file only. */
  informational: boolean;
  bank: { summary: BankSummary; totals: BankTotals };
  selfCheck: SelfCheck;
  ledger: LedgerTotals;
  /** `--window` in seconds. */
  window: number;
  carry?: { file: string; from?: string; carriedIn: number; carriedOut: number };
  classes: Record<ReconClass, ClassTally>;
  differences: number;
  pending: number;
  problems: number;
  /** No difference, no unreadable line, summary consistent: exit 0. */
  clean: boolean;
}

/** Everything the check found. */
export interface ReconResult {
  summary: ReconSummary;
  /** Every difference (never the matched lines). */
  differences: ReconDifference[];
  /** One-sided lines near midnight: not errors, settled the next day with `--carry`. */
  pending: ReconDifference[];
  problems: ReconProblem[];
}

import type { TxnName } from '../catalogue/types.js';
import type { Fen } from '../core/money.js';
import type { JournalState } from '../journal/types.js';
import type { Text } from '../output/i18n.js';
import type { Fields } from '../protocol/signer.js';

/** Where a transaction stands after an answer (the journal's states). */
export type TxnState = JournalState;

/** The identifiers of a request, as `--json` and errors carry them. */
export interface TxnIds {
  orderno?: string;
  refundno?: string;
  serialno?: string;
  transno?: string;
  /** Amount of the request in 分 (amt_trans or refund_amt). */
  amount?: Fen;
}

/** A request built, validated and signed, ready to send (or to show under `--dry-run`). */
export interface PreparedTxn {
  txn: TxnName;
  /** baseUrl + the transaction's path. */
  url: string;
  /** The signed fields in wire order (empty ones dropped, sign and sign_type added). */
  fields: Fields;
  /** The canonical string with the apikey masked: safe to print. */
  canonicalMasked: string;
  /** The form body exactly as it will be POSTed. */
  body: string;
  ids: TxnIds;
}

/** The meaning of the answer's status field, from the catalogue's status table. */
export interface TxnStatus {
  field: string;
  value: string;
  label: Text;
}

/**
 * The outcome of one transaction whose answer arrived and verified
 * (unverifiable or missing answers are thrown as errors instead).
 */
export interface TxnOutcome {
  txn: TxnName;
  /** The business result is final and good (or an accepted application the caller chose not to wait for). */
  ok: boolean;
  state: TxnState;
  respcode?: string;
  respmsg?: string;
  /** The answer's signature verified (always true on a returned outcome). */
  verified: boolean;
  /** The certid of the platform key that verified it. */
  certid?: string;
  status?: TxnStatus;
  request: TxnIds;
  /** Every field of the answer as received. */
  response: Fields;
  url: string;
  /** The journal entry id, when the request was journaled. */
  journalId?: string;
  /** Round-trip time of the HTTP exchange. */
  ms: number;
}

/** How {@link sendTxn} and {@link prepareTxn} are called. */
export interface SendOptions {
  /** Wire fields given by the command (orderno, amt_trans, ordertitle…). Header fields are filled in. */
  fields: Fields;
  /** `--field k=v` extras passed through as is (they win over everything else). */
  extras?: readonly string[];
  /**
   * Extra attempts after an outcome-unknown failure. Only honoured for the two
   * queries (read-only); default 2 for them, always 0 for anything that moves money.
   */
  retries?: number;
  /** Journal the request (default: yes, except for the two queries). */
  journal?: boolean;
  /** Extra identifiers for the journal line (never secrets). */
  journalExtra?: Record<string, string | number | boolean>;
  /** Extra fields of the begin line (a refund's identity: busino, ordinal, attempt). */
  journalBegin?: { busino?: string; ordinal?: number; attempt?: number };
  /** Called after the begin line is on disk, before sending; a throw means nothing is sent (`not_sent`). */
  afterBegin?: (journalId: string) => Promise<void>;
  /** Shown in `--verbose` and spinner lines. */
  quiet?: boolean;
}

import { UsageError } from '../core/errors.js';
import { extend } from '../core/extend.js';
import type { BankRow } from './bank-columns.js';
import { openBankFile, streamBankRows } from './bank-file.js';
import { type CarriedItem, type CarryState, itemsBefore, withDay } from './carry.js';
import { type CarryStore, fileCarryStore } from './carry-store.js';
import { CLEAN_CLASSES, RECON_CLASSES, type ReconClass } from './classes.js';
import type { StreamLedgerSource } from './ledger-db.js';
import { type LedgerOptions, readLedgerFile } from './ledger-file.js';
import { LedgerIndex, type LedgerRow } from './ledger-index.js';
import { SeenKeys } from './seen-keys.js';
import { buildSelfCheck, ledgerTotals } from './tally.js';
import type { ClassTally, ReconDifference, ReconProblem, ReconResult } from './types.js';
import { nearMidnight } from './window.js';

/** Where the ledger comes from: the merchant's CSV export, or rows made elsewhere (the journal). */
export type LedgerSource =
  | ({ kind: 'file'; path: string } & LedgerOptions)
  | {
      kind: 'rows';
      label: string;
      rows: (date: string | undefined) => Promise<Iterable<LedgerRow>>;
      /**
       * A `pending` row is an outcome not yet known locally (imp's journal), not a ledger
       * that says otherwise: the bank's success makes it `unsettled_local`, not `status_mismatch`.
       */
      pendingIsUnsettled?: boolean;
    }
  /** Rows streamed from the merchant's database (`--ledger-db`). */
  | StreamLedgerSource
  /** No ledger: the file is checked against itself only. */
  | { kind: 'none' };

/** Options of {@link runReconCheck}. */
export interface ReconCheckOptions {
  file: string;
  ledger: LedgerSource;
  /** Seconds each side of midnight within which one-sided orders are pending (0: none). */
  window: number;
  /** `--carry` state file, or the recon history database's carry. */
  carry?: string | CarryStore;
  /** Longer lines of the bank file or the ledger are unreadable (default in limits.ts). */
  maxLineBytes?: number;
}

/**
 * Check a bank file against itself and the ledger: the ledger is indexed compactly, the bank
 * file streamed against it (hash join on orderno for payments, refundno for refunds), and
 * the ledger lines no bank line met are swept at the end.
 */
export async function runReconCheck(options: ReconCheckOptions): Promise<ReconResult> {
  const info = await openBankFile(options.file);
  const carryStore = typeof options.carry === 'string' ? fileCarryStore(options.carry) : options.carry;
  if (options.carry && options.ledger.kind === 'none') {
    throw new UsageError('--carry needs a ledger (--ledger or --journal)');
  }
  if (options.carry && !info.date) {
    throw new UsageError(
      `${options.file}: --carry needs the bank day (name the file DZ_<busino>_<yyyyMMdd>.csv)`,
    );
  }
  const differences: ReconDifference[] = [];
  const pending: ReconDifference[] = [];
  const problems: ReconProblem[] = [];
  const classes = Object.fromEntries(
    RECON_CLASSES.map((c) => [c, { count: 0, bankAmount: 0, ledgerAmount: 0 }]),
  ) as Record<ReconClass, ClassTally>;
  const found = (cls: ReconClass, d: Omit<ReconDifference, 'class'>) => {
    const tally = classes[cls];
    tally.count++;
    if (d.bank) tally.bankAmount += Math.abs(d.bank.amount);
    if (d.ledger) tally.ledgerAmount += d.ledger.amount;
    if (cls === 'matched') return;
    (cls === 'pending_cross_day' ? pending : differences).push({ class: cls, ...d });
  };
  const ids = (r: { type: 'pay' | 'refund'; orderno: string; refundno: string }) => ({
    type: r.type,
    orderno: r.orderno,
    refundno: r.refundno,
  });

  // 1. the ledger, indexed; a key seen twice is a duplicate, the success line is kept
  const index = new LedgerIndex();
  let ledgerRows = 0;
  const addLedger = (row: LedgerRow) => {
    ledgerRows++;
    const added = index.add(row);
    if (added >= 0) return;
    const existing = -1 - added;
    const first = index.get(existing);
    found(
      'duplicate',
      extend(ids(row), { ledger: row, note: `ledger line ${row.line} repeats line ${first.line}` }),
    );
    if (row.status === 'success' && first.status !== 'success') index.replace(existing, row);
  };
  const source = options.ledger;
  let ledgerInfo: { source: string; encoding?: LedgerTotalsEncoding; hasFee: boolean; malformed: number };
  if (source.kind === 'file') {
    const r = await readLedgerFile(
      source.path,
      extend(source, { maxLineBytes: source.maxLineBytes ?? options.maxLineBytes }),
      addLedger,
    );
    for (const p of r.problems) problems.push({ source: 'ledger', file: source.path, ...p });
    ledgerInfo = {
      source: source.path,
      encoding: r.encoding,
      hasFee: r.hasFee,
      malformed: r.problems.length,
    };
  } else if (source.kind === 'none') {
    ledgerInfo = { source: '', hasFee: false, malformed: 0 };
  } else if (source.kind === 'stream') {
    const r = await source.read(info.date, addLedger);
    for (const p of r.problems) problems.push({ source: 'ledger', file: source.label, ...p });
    ledgerInfo = { source: source.label, hasFee: r.hasFee, malformed: r.problems.length };
  } else {
    let hasFee = false;
    for (const row of await source.rows(info.date)) {
      hasFee ||= row.fee !== undefined;
      addLedger(row);
    }
    ledgerInfo = { source: source.label, hasFee, malformed: 0 };
  }

  // 2. items carried from the day before join today's ledger (ledger side) or wait for it (bank side)
  let state: CarryState | undefined;
  let carried: { from?: string; items: CarriedItem[] } = { items: [] };
  if (options.carry) {
    state = await carryStore!.load();
    carried = itemsBefore(state, info.date!);
    for (const item of carried.items) {
      if (item.side !== 'ledger') continue;
      const l = item.ledger;
      // today's ledger line wins over the carried one (add() keeps the first)
      index.add(extend(l, { carriedFrom: carried.from }));
    }
  }

  const unsettledLocal = options.ledger.kind === 'rows' && !!options.ledger.pendingIsUnsettled;
  // the matched path allocates nothing: it runs for nearly every line of a million
  const compare = (bank: BankRow, slot: number, note?: string) => {
    const bankAmount = Math.abs(bank.amount);
    const ledgerAmount = index.amountOf(slot);
    let cls: ReconClass = 'matched';
    const status = index.statusOf(slot);
    if (status !== 'success')
      cls = status === 'pending' && unsettledLocal ? 'unsettled_local' : 'status_mismatch';
    else if (ledgerAmount < bankAmount) cls = 'short';
    else if (ledgerAmount > bankAmount) cls = 'long';
    else {
      const fee = index.feeOf(slot);
      if (fee !== undefined && fee !== Math.abs(bank.fee)) cls = 'fee_mismatch';
    }
    if (cls === 'matched' && !note) {
      const tally = classes.matched;
      tally.count++;
      tally.bankAmount += bankAmount;
      tally.ledgerAmount += ledgerAmount;
      return;
    }
    found(cls, extend(ids(bank), { bank, ledger: index.get(slot), note }));
  };
  const join = (bank: BankRow, note?: string) => {
    const key = bank.type === 'pay' ? bank.orderno : bank.refundno;
    const slot = key ? index.find(bank.type, key) : undefined;
    if (slot === undefined) {
      const noRefundno = bank.type === 'refund' && !key ? 'refund line without 商户退款单号' : undefined;
      const cls = !note && nearMidnight(bank.time, options.window) ? 'pending_cross_day' : 'platform_missing';
      return found(cls, extend(ids(bank), { bank, note: note ?? noRefundno }));
    }
    if (index.isSeen(slot)) {
      return found(
        'duplicate',
        extend(ids(bank), { bank, note: `a second bank line for this ${bank.type} order` }),
      );
    }
    index.markSeen(slot);
    compare(bank, slot, note);
  };

  // 3. the bank file, streamed against the index
  const tradenos = new SeenKeys();
  let duplicates = 0;
  const totals = await streamBankRows(
    info,
    (row) => {
      const dupKey = row.type === 'pay' ? row.impTradeno : `${row.impTradeno}\u0001${row.refundno}`;
      const first = tradenos.check(dupKey, row.line);
      if (first !== undefined) {
        duplicates++;
        return found('duplicate', extend(ids(row), { bank: row, note: `imp_tradeno repeats line ${first}` }));
      }
      if (source.kind !== 'none') join(row);
    },
    (p) => problems.push({ source: 'bank', file: options.file, ...p }),
    options.maxLineBytes,
  );

  // 4. bank lines carried from the day before, against today's ledger
  for (const item of carried.items) {
    if (item.side === 'bank') join(item.bank, `carried from ${carried.from}`);
  }

  // 5. ledger lines no bank line met
  for (const slot of index.unseen()) {
    if (index.statusOf(slot) !== 'success') continue;
    const ledger = index.get(slot);
    if (ledger.carriedFrom) {
      found('bank_missing', extend(ids(ledger), { ledger, note: `carried from ${ledger.carriedFrom}` }));
    } else {
      found(
        nearMidnight(ledger.time, options.window) ? 'pending_cross_day' : 'bank_missing',
        extend(ids(ledger), { ledger }),
      );
    }
  }

  let carry: ReconResult['summary']['carry'];
  if (options.carry && state) {
    const out: CarriedItem[] = pending.map((d) =>
      d.bank ? { side: 'bank', bank: d.bank } : { side: 'ledger', ledger: d.ledger! },
    );
    // an intraday file settles nothing: it reads yesterday's items but leaves the state alone
    if (!info.intraday) await carryStore!.save(withDay(state, info.date!, out));
    carry = {
      file: carryStore!.label,
      from: carried.from,
      carriedIn: carried.items.length,
      carriedOut: info.intraday ? 0 : out.length,
    };
  }

  const selfCheck = buildSelfCheck(info.summary, totals, duplicates);
  const ledger = extend(ledgerTotals(index, ledgerRows), ledgerInfo);
  const real = RECON_CLASSES.filter((c) => !CLEAN_CLASSES.has(c)).reduce((n, c) => n + classes[c].count, 0);
  return {
    summary: {
      file: options.file,
      date: info.date,
      encoding: info.encoding,
      headerLines: info.headerLines,
      intraday: info.intraday,
      informational: info.intraday,
      bank: { summary: info.summary, totals },
      selfCheck,
      ledger,
      window: options.window,
      carry,
      classes,
      differences: real,
      pending: pending.length,
      problems: problems.length,
      clean: real === 0 && problems.length === 0 && selfCheck.ok,
    },
    differences,
    pending,
    problems,
  };
}

type LedgerTotalsEncoding = ReconResult['summary']['encoding'];

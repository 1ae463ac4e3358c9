import { UsageError } from '../core/errors.js';
import type { BankRow } from './bank-columns.js';
import { type BankFileInfo, openBankFile, streamBankRows } from './bank-file.js';
import { type CarriedItem, type CarryState, itemsBefore, withDay } from './carry.js';
import { type CarryStore, fileCarryStore } from './carry-store.js';
import { CLEAN_CLASSES, RECON_CLASSES } from './classes.js';
import { bankJoiner, ClassBook, ids, sweepLedger } from './join.js';
import type { StreamLedgerSource } from './ledger-db.js';
import { type LedgerOptions, readLedgerFile } from './ledger-file.js';
import { LedgerIndex, type LedgerRow } from './ledger-index.js';
import { SeenKeys } from './seen-keys.js';
import { buildSelfCheck, ledgerTotals } from './tally.js';
import type { ReconProblem, ReconResult } from './types.js';

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
 * file streamed against it (hash join on orderno for payments, refundno for refunds, in
 * join.ts), and the ledger lines no bank line met are swept at the end.
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
  const book = new ClassBook();
  const problems: ReconProblem[] = [];
  // 1. the ledger, indexed
  const index = new LedgerIndex();
  const ledgerRead = await readLedger(options, info, index, book, problems);
  // 2. items carried from the day before join today's ledger (ledger side) or wait for it (bank side)
  const carried = options.carry ? await carryIn(carryStore!, info, index) : undefined;
  // 3. the bank file, streamed against the index
  const source = options.ledger;
  const join = bankJoiner(index, book, {
    window: options.window,
    unsettledLocal: source.kind === 'rows' && !!source.pendingIsUnsettled,
  });
  const bank = await streamBank(options, info, book, problems, source.kind === 'none' ? undefined : join);
  // 4. bank lines carried from the day before, against today's ledger
  for (const item of carried?.items ?? []) {
    if (item.side === 'bank') join(item.bank, `carried from ${carried!.from}`);
  }
  // 5. ledger lines no bank line met
  sweepLedger(index, book, options.window);
  const carry = carried && (await carryOut(carryStore!, carried, info, book));
  const ledger = { ...ledgerTotals(index, ledgerRead.rows), ...ledgerRead.info };
  return summarise(options, info, { book, problems, ledger, carry, ...bank });
}

type LedgerInfo = {
  source: string;
  encoding?: ReconResult['summary']['encoding'];
  hasFee: boolean;
  malformed: number;
};

/** Index the ledger from its source; a key seen twice is a duplicate, the success line is kept. */
async function readLedger(
  options: ReconCheckOptions,
  info: BankFileInfo,
  index: LedgerIndex,
  book: ClassBook,
  problems: ReconProblem[],
): Promise<{ rows: number; info: LedgerInfo }> {
  let rows = 0;
  const addLedger = (row: LedgerRow) => {
    rows++;
    const added = index.add(row);
    if (added >= 0) return;
    const existing = -1 - added;
    const first = index.get(existing);
    book.found('duplicate', {
      ...ids(row),
      ledger: row,
      note: `ledger line ${row.line} repeats line ${first.line}`,
    });
    if (row.status === 'success' && first.status !== 'success') index.replace(existing, row);
  };
  const source = options.ledger;
  if (source.kind === 'none') return { rows, info: { source: '', hasFee: false, malformed: 0 } };
  if (source.kind === 'file') {
    const r = await readLedgerFile(
      source.path,
      { ...source, maxLineBytes: source.maxLineBytes ?? options.maxLineBytes },
      addLedger,
    );
    for (const p of r.problems) problems.push({ source: 'ledger', file: source.path, ...p });
    const malformed = r.problems.length;
    return { rows, info: { source: source.path, encoding: r.encoding, hasFee: r.hasFee, malformed } };
  }
  if (source.kind === 'stream') {
    const r = await source.read(info.date, addLedger);
    for (const p of r.problems) problems.push({ source: 'ledger', file: source.label, ...p });
    return { rows, info: { source: source.label, hasFee: r.hasFee, malformed: r.problems.length } };
  }
  let hasFee = false;
  for (const row of await source.rows(info.date)) {
    hasFee ||= row.fee !== undefined;
    addLedger(row);
  }
  return { rows, info: { source: source.label, hasFee, malformed: 0 } };
}

type Carried = { state: CarryState; from?: string; items: CarriedItem[] };

/** Yesterday's carried items; the ledger-side ones join today's index. */
async function carryIn(store: CarryStore, info: BankFileInfo, index: LedgerIndex): Promise<Carried> {
  const state = await store.load();
  const carried = itemsBefore(state, info.date!);
  for (const item of carried.items) {
    if (item.side !== 'ledger') continue;
    // today's ledger line wins over the carried one (add() keeps the first)
    index.add({ ...item.ledger, carriedFrom: carried.from });
  }
  return { state, ...carried };
}

/** Today's pending items, saved for tomorrow; what the summary says of the carry. */
async function carryOut(
  store: CarryStore,
  carried: Carried,
  info: BankFileInfo,
  book: ClassBook,
): Promise<ReconResult['summary']['carry']> {
  const out: CarriedItem[] = book.pending.map((d) =>
    d.bank ? { side: 'bank', bank: d.bank } : { side: 'ledger', ledger: d.ledger! },
  );
  // an intraday file settles nothing: it reads yesterday's items but leaves the state alone
  if (!info.intraday) await store.save(withDay(carried.state, info.date!, out));
  return {
    file: store.label,
    from: carried.from,
    carriedIn: carried.items.length,
    carriedOut: info.intraday ? 0 : out.length,
  };
}

/** Stream the bank file: a repeated imp_tradeno is a duplicate, every other line is joined. */
async function streamBank(
  options: ReconCheckOptions,
  info: BankFileInfo,
  book: ClassBook,
  problems: ReconProblem[],
  join: ((row: BankRow) => void) | undefined,
) {
  const tradenos = new SeenKeys();
  let duplicates = 0;
  const totals = await streamBankRows(
    info,
    (row) => {
      const dupKey = row.type === 'pay' ? row.impTradeno : `${row.impTradeno}\u0001${row.refundno}`;
      const first = tradenos.check(dupKey, row.line);
      if (first !== undefined) {
        duplicates++;
        return book.found('duplicate', { ...ids(row), bank: row, note: `imp_tradeno repeats line ${first}` });
      }
      join?.(row);
    },
    (p) => problems.push({ source: 'bank', file: options.file, ...p }),
    options.maxLineBytes,
  );
  return { totals, duplicates };
}

/** The result: the summary line's self-check, the totals, the classes and whether it is clean. */
function summarise(
  options: ReconCheckOptions,
  info: BankFileInfo,
  r: {
    book: ClassBook;
    problems: ReconProblem[];
    ledger: ReconResult['summary']['ledger'];
    carry: ReconResult['summary']['carry'];
    totals: ReconResult['summary']['bank']['totals'];
    duplicates: number;
  },
): ReconResult {
  const { book, problems } = r;
  const selfCheck = buildSelfCheck(info.summary, r.totals, r.duplicates);
  const classes = book.classes;
  const real = RECON_CLASSES.filter((c) => !CLEAN_CLASSES.has(c)).reduce((n, c) => n + classes[c].count, 0);
  return {
    summary: {
      file: options.file,
      date: info.date,
      encoding: info.encoding,
      headerLines: info.headerLines,
      intraday: info.intraday,
      informational: info.intraday,
      bank: { summary: info.summary, totals: r.totals },
      selfCheck,
      ledger: r.ledger,
      window: options.window,
      carry: r.carry,
      classes,
      differences: real,
      pending: book.pending.length,
      problems: problems.length,
      clean: real === 0 && problems.length === 0 && selfCheck.ok,
    },
    differences: book.differences,
    pending: book.pending,
    problems,
  };
}

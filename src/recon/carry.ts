import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../core/atomic-write.js';
import { UsageError } from '../core/errors.js';
import type { BankRow } from './bank-columns.js';
import type { LedgerRow } from './ledger-index.js';

/**
 * An order seen on one side only, close to midnight, kept for the next day's check:
 * `bank` (the bank settled it, the ledger had not yet) or `ledger` (a ledger success the
 * bank file did not hold yet).
 */
export type CarriedItem = { side: 'bank'; bank: BankRow } | { side: 'ledger'; ledger: LedgerRow };

/**
 * The `--carry` file. Items are kept per bank day so that checking the same day again (a
 * cron re-run) reads the same carried items as the first run instead of its own output.
 */
export interface CarryState {
  version: 1;
  days: Record<string, CarriedItem[]>;
}

/** How many days of carried items the file keeps. */
const KEEP_DAYS = 7;

export async function loadCarry(path: string): Promise<CarryState> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, days: {} };
    throw new UsageError(`--carry ${path}: ${(err as Error).message}`, { code: 'RECON_CARRY' });
  }
  try {
    const state = JSON.parse(text) as CarryState;
    if (state?.version !== 1 || typeof state.days !== 'object' || state.days === null)
      throw new Error('bad shape');
    return state;
  } catch {
    throw new UsageError(`--carry ${path}: not an imp carry-over file (expected {"version":1,"days":{…}})`, {
      code: 'RECON_CARRY',
    });
  }
}

/** The items to settle against the file of `date`: those left by the latest earlier day. */
export function itemsBefore(state: CarryState, date: string): { from?: string; items: CarriedItem[] } {
  const from = Object.keys(state.days)
    .filter((d) => d < date)
    .sort()
    .pop();
  return { from, items: from ? (state.days[from] ?? []) : [] };
}

/** Record the items `date` leaves for the next day, dropping days older than a week of files. */
export function withDay(state: CarryState, date: string, items: CarriedItem[]): CarryState {
  const days: CarryState['days'] = { ...state.days, [date]: items };
  const keep = Object.keys(days).sort().slice(-KEEP_DAYS);
  return { version: 1, days: Object.fromEntries(keep.map((d) => [d, days[d]!])) };
}

/** Write the state atomically (temp file beside it, fsynced, renamed over). */
export async function saveCarry(path: string, state: CarryState): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(state, null, 1)}\n`, { mode: 0o600 });
}

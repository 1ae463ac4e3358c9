import { cstParts } from '../core/time.js';
import type { JournalEntry, JournalState } from '../journal/types.js';
import type { LedgerRow, LedgerStatus } from './ledger-index.js';

const PAY_TXNS = new Set(['pay', 'qrcode', 'scan', 'wechat']);

/**
 * imp's journal as a ledger (`--journal`): one line per order (pay, qrcode, scan, wechat
 * entries by orderno) and per refund (by refundno). A later successful query of the same
 * order or refund counts as its success. Entries are kept when their time (Asia/Shanghai)
 * falls on the bank day or within `window` seconds of its midnights, so an order sent at
 * 23:59 and settled at 00:00 shows up in both days' checks (pending on one, matched on the other).
 */
export function journalLedgerRows(
  entries: readonly JournalEntry[],
  date: string | undefined,
  window: number,
): LedgerRow[] {
  const rows = new Map<string, LedgerRow>();
  const confirmed = new Set<string>();
  for (const e of entries) {
    const time = cstTime(e.at);
    if (date && !inDay(time, date, window)) continue;
    if (PAY_TXNS.has(e.txn) && e.orderno) {
      merge(rows, `p:${e.orderno}`, {
        type: 'pay',
        orderno: e.orderno,
        refundno: '',
        amount: e.amount ?? 0,
        status: statusOf(e.state),
        time,
        line: 0,
      });
    } else if (e.txn === 'refund' && e.refundno) {
      merge(rows, `r:${e.refundno}`, {
        type: 'refund',
        orderno: e.orderno ?? '',
        refundno: e.refundno,
        amount: e.amount ?? 0,
        status: statusOf(e.state),
        time,
        line: 0,
      });
    } else if (e.state === 'success') {
      if (e.txn === 'query' && e.orderno) confirmed.add(`p:${e.orderno}`);
      if (e.txn === 'refundquery' && e.refundno) confirmed.add(`r:${e.refundno}`);
    }
  }
  for (const key of confirmed) {
    const row = rows.get(key);
    if (row) row.status = 'success';
  }
  return [...rows.values()];
}

/** The same order sent again (a retry after a failure): any success wins, then the latest. */
function merge(rows: Map<string, LedgerRow>, key: string, row: LedgerRow): void {
  const prev = rows.get(key);
  if (prev?.status === 'success' && row.status !== 'success') return;
  rows.set(key, prev && !row.amount ? { ...row, amount: prev.amount } : row);
}

function statusOf(state: JournalState): LedgerStatus {
  // not_sent: the request never left, nothing happened on the platform
  return state === 'success' ? 'success' : state === 'failure' || state === 'not_sent' ? 'failed' : 'pending';
}

function cstTime(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  const p = cstParts(at);
  return `${p.date}${p.time}`;
}

function inDay(time: string, date: string, window: number): boolean {
  if (!time) return false;
  if (time.startsWith(date)) return true;
  const secs =
    Number(time.slice(8, 10)) * 3600 + Number(time.slice(10, 12)) * 60 + Number(time.slice(12, 14));
  const day = time.slice(0, 8);
  // the evening before, or the early morning after
  return (
    (day < date && 86400 - secs <= window && nextDay(day) === date) ||
    (day > date && secs <= window && nextDay(date) === day)
  );
}

function nextDay(ymd: string): string {
  const d = new Date(
    Date.UTC(Number(ymd.slice(0, 4)), Number(ymd.slice(4, 6)) - 1, Number(ymd.slice(6, 8)) + 1),
  );
  return d.toISOString().slice(0, 10).replaceAll('-', '');
}

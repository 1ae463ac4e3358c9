import type { Fen } from '../core/money.js';

/** A ledger line's status, normalised. */
export const LEDGER_STATUSES = ['success', 'failed', 'pending'] as const;
export type LedgerStatus = (typeof LEDGER_STATUSES)[number];

/** One line of the merchant's ledger, unpacked (only for the lines that end up in a report). */
export interface LedgerRow {
  type: 'pay' | 'refund';
  orderno: string;
  refundno: string;
  /** Positive 分, refunds too. */
  amount: Fen;
  status: LedgerStatus;
  /** yyyyMMddHHmmss, or '' when the ledger has no time. */
  time: string;
  /** 分, when the ledger carries fees. */
  fee?: Fen;
  /** 1-based line in the ledger file (0 for journal entries and carried lines). */
  line: number;
  /** The bank file day this line was carried over from, when it came from `--carry`. */
  carriedFrom?: string;
}

/** Join progress of a ledger line. */
export const Seen = { no: 0, yes: 1 } as const;

/**
 * The ledger held compactly for the hash join: two maps from the join key (orderno for
 * payments, refundno for refunds) to a slot, and the slot's values in typed arrays. A
 * million lines cost ~100 MB this way instead of a million objects of strings.
 */
export class LedgerIndex {
  readonly pays = new Map<string, number>();
  readonly refunds = new Map<string, number>();
  private size = 0;
  private amount = new Float64Array(1024);
  private fee = new Float64Array(1024);
  private time = new Float64Array(1024);
  private line = new Uint32Array(1024);
  private status = new Uint8Array(1024);
  private seen = new Uint8Array(1024);
  private type = new Uint8Array(1024);
  /** The join key of each slot (the same strings as the maps' keys: 8 bytes a slot). */
  private keys: string[] = [];
  /** orderno of refund slots; '' for payments (their key is the orderno). */
  private refundOrder: string[] = [];
  /** Slots carried over from an earlier day, with that day. */
  private carried = new Map<number, string>();

  get count(): number {
    return this.size;
  }

  /** Slot of a key, or undefined. */
  find(type: 'pay' | 'refund', key: string): number | undefined {
    return (type === 'pay' ? this.pays : this.refunds).get(key);
  }

  /** Add a line; returns the slot of an earlier line with the same key instead when there is one. */
  add(row: LedgerRow): { slot: number; existing?: number } {
    const map = row.type === 'pay' ? this.pays : this.refunds;
    const key = row.type === 'pay' ? row.orderno : row.refundno;
    const existing = map.get(key);
    if (existing !== undefined) return { slot: existing, existing };
    const slot = this.size++;
    if (slot >= this.amount.length) this.grow();
    this.write(slot, row);
    map.set(key, slot);
    return { slot };
  }

  /** Overwrite a slot (a duplicate key whose later line is the success). */
  replace(slot: number, row: LedgerRow): void {
    this.write(slot, row);
  }

  get(slot: number): LedgerRow {
    const isRefund = this.type[slot] === 1;
    return {
      type: isRefund ? 'refund' : 'pay',
      orderno: isRefund ? this.refundOrder[slot]! : this.keys[slot]!,
      refundno: isRefund ? this.keys[slot]! : '',
      amount: this.amount[slot]!,
      status: this.statusOf(slot),
      time: this.timeOf(slot),
      fee: this.feeOf(slot),
      line: this.line[slot]!,
      carriedFrom: this.carried.get(slot),
    };
  }

  amountOf(slot: number): Fen {
    return this.amount[slot]!;
  }
  feeOf(slot: number): Fen | undefined {
    const f = this.fee[slot]!;
    return Number.isNaN(f) ? undefined : f;
  }
  statusOf(slot: number): LedgerStatus {
    return LEDGER_STATUSES[this.status[slot]!]!;
  }
  timeOf(slot: number): string {
    const t = this.time[slot]!;
    return t === 0 ? '' : String(t);
  }
  isSeen(slot: number): boolean {
    return this.seen[slot] === Seen.yes;
  }
  markSeen(slot: number): void {
    this.seen[slot] = Seen.yes;
  }
  carriedFrom(slot: number): string | undefined {
    return this.carried.get(slot);
  }

  /** Slots never met by a bank line, in the order they were added. */
  *unseen(): Generator<number> {
    for (let slot = 0; slot < this.size; slot++) if (this.seen[slot] !== Seen.yes) yield slot;
  }

  private write(slot: number, row: LedgerRow): void {
    this.amount[slot] = row.amount;
    this.fee[slot] = row.fee ?? Number.NaN;
    this.time[slot] = row.time ? Number(row.time) : 0;
    this.line[slot] = row.line;
    this.status[slot] = LEDGER_STATUSES.indexOf(row.status);
    this.type[slot] = row.type === 'refund' ? 1 : 0;
    this.keys[slot] = row.type === 'refund' ? row.refundno : row.orderno;
    this.refundOrder[slot] = row.type === 'refund' ? row.orderno : '';
    if (row.carriedFrom) this.carried.set(slot, row.carriedFrom);
    else this.carried.delete(slot);
  }

  private grow(): void {
    const n = this.amount.length * 2;
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    this.amount = f64(this.amount);
    this.fee = f64(this.fee);
    this.time = f64(this.time);
    const l = new Uint32Array(n);
    l.set(this.line);
    this.line = l;
    const s = new Uint8Array(n);
    s.set(this.status);
    this.status = s;
    const seen = new Uint8Array(n);
    seen.set(this.seen);
    this.seen = seen;
    const ty = new Uint8Array(n);
    ty.set(this.type);
    this.type = ty;
  }
}

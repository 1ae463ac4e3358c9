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
 * The ledger held compactly for the hash join: an open-addressing table from the join key
 * (orderno for payments, refundno for refunds) to a slot, and the slot's values in typed
 * arrays. A million lines cost ~90 MB this way (mostly the key strings themselves) where
 * two Maps cost ~60 MB more, and a million objects several times that.
 */
export class LedgerIndex {
  private size = 0;
  private amount = new Float64Array(1024);
  private fee = new Float64Array(1024);
  private time = new Float64Array(1024);
  private line = new Uint32Array(1024);
  private hash = new Uint32Array(1024);
  private status = new Uint8Array(1024);
  private seen = new Uint8Array(1024);
  private type = new Uint8Array(1024);
  /** The join key of each slot. */
  private keys: string[] = [];
  /** orderno of refund slots (a payment's key is its orderno). */
  private refundOrder = new Map<number, string>();
  /** Slots carried over from an earlier day, with that day. */
  private carried = new Map<number, string>();
  /** slot + 1 per table cell; 0 = empty. */
  private table = new Int32Array(2048);

  get count(): number {
    return this.size;
  }

  /** Slot of a key, or undefined. */
  find(type: 'pay' | 'refund', key: string, h = hashKey(key, type === 'refund' ? 1 : 0)): number | undefined {
    const t = type === 'refund' ? 1 : 0;
    const mask = this.table.length - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const cell = this.table[i]!;
      if (cell === 0) return undefined;
      const slot = cell - 1;
      if (this.hash[slot] === h && this.type[slot] === t && this.keys[slot] === key) return slot;
    }
  }

  /**
   * Add a line and return its slot; when an earlier line has the same key, nothing is added
   * and `-1 - <its slot>` comes back (a number, not an object: this runs a million times).
   */
  add(row: LedgerRow): number {
    const key = row.type === 'pay' ? row.orderno : row.refundno;
    const h = hashKey(key, row.type === 'refund' ? 1 : 0);
    const existing = this.find(row.type, key, h);
    if (existing !== undefined) return -1 - existing;
    const slot = this.size++;
    if (slot >= this.amount.length) this.grow();
    this.write(slot, row);
    this.keys[slot] = key;
    this.hash[slot] = h;
    this.place(slot);
    if (this.size * 2 > this.table.length) this.rehash();
    return slot;
  }

  /** Slots of every line, in the order they were added. */
  *slots(): Generator<number> {
    for (let slot = 0; slot < this.size; slot++) yield slot;
  }

  private place(slot: number): void {
    const mask = this.table.length - 1;
    let i = this.hash[slot]! & mask;
    while (this.table[i] !== 0) i = (i + 1) & mask;
    this.table[i] = slot + 1;
  }

  private rehash(): void {
    this.table = new Int32Array(this.table.length * 2);
    for (let slot = 0; slot < this.size; slot++) this.place(slot);
  }

  /** Overwrite a slot (a duplicate key whose later line is the success). */
  replace(slot: number, row: LedgerRow): void {
    this.write(slot, row);
  }

  get(slot: number): LedgerRow {
    const isRefund = this.type[slot] === 1;
    return {
      type: isRefund ? 'refund' : 'pay',
      orderno: isRefund ? (this.refundOrder.get(slot) ?? '') : this.keys[slot]!,
      refundno: isRefund ? this.keys[slot]! : '',
      amount: this.amount[slot]!,
      status: this.statusOf(slot),
      time: this.timeOf(slot),
      fee: this.feeOf(slot),
      line: this.line[slot]!,
      carriedFrom: this.carried.get(slot),
    };
  }

  typeOf(slot: number): 'pay' | 'refund' {
    return this.type[slot] === 1 ? 'refund' : 'pay';
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
    if (row.type === 'refund') this.refundOrder.set(slot, row.orderno);
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
    const h = new Uint32Array(n);
    h.set(this.hash);
    this.hash = h;
  }
}

/** FNV-1a over the key's code units, the type mixed in (a payment and a refund may share a number). */
function hashKey(key: string, type: number): number {
  let h = 0x811c9dc5 ^ type;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return (h ^ (h >>> 15)) >>> 0;
}

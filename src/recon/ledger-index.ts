import { UsageError } from '../core/errors.js';
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

// A slot's flags: its status (LEDGER_STATUSES index) in the low two bits, then these.
const STATUS = 3;
const SEEN = 4;
const REFUND = 8;
const CARRIED = 16;
/** The slot's keys are not Latin-1 (or are very long): kept as strings in `wide`. */
const WIDE = 32;

// Slots live in pages of 4,096: the index grows a page at a time, so it never holds twice
// what it needs nor copies itself while growing (a doubled array briefly holds both).
const PAGE_BITS = 12;
const PAGE = 1 << PAGE_BITS;
const IN_PAGE = PAGE - 1;

/** The values of 4,096 slots, one typed array per field. */
class Page {
  amount = new Float64Array(PAGE);
  fee = new Float64Array(PAGE);
  time = new Float64Array(PAGE);
  line = new Uint32Array(PAGE);
  hash = new Uint32Array(PAGE);
  /** Where the slot's key (then, for a refund, its orderno) starts in the key bytes. */
  keyAt = new Uint32Array(PAGE);
  keyLen = new Uint16Array(PAGE);
  ordernoLen = new Uint16Array(PAGE);
  flags = new Uint8Array(PAGE);
}

// The key strings, one Latin-1 byte a character, packed in pages of 256 KiB: a key costs its
// length, where a string of its own costs ~20 bytes more and is a heap object for the GC to walk.
const BYTES_BITS = 18;
const BYTES_PAGE = 1 << BYTES_BITS;
const IN_BYTES = BYTES_PAGE - 1;
/** Offsets are 32-bit: 4 GiB of keys, about 100 million ledger lines. */
const MAX_BYTE_PAGES = 2 ** (32 - BYTES_BITS);
const MAX_KEY = 0xffff;

/**
 * The ledger held compactly for the hash join: an open-addressing table from the join key
 * (orderno for payments, refundno for refunds) to a slot, the slots' values in typed arrays
 * and their keys packed as bytes. A million lines cost ~60 MB this way, all of it outside
 * the JavaScript heap; a string per key cost ~90 MB, and a million objects several times that.
 */
export class LedgerIndex {
  private size = 0;
  private pages: Page[] = [];
  private bytes: Buffer[] = [];
  private bytesUsed = BYTES_PAGE;
  private wide = new Map<number, { key: string; orderno: string }>();
  /** Slots carried over from an earlier day, with that day. */
  private carried = new Map<number, string>();
  /** slot + 1 per table cell; 0 = empty. */
  private table = new Int32Array(2048);

  get count(): number {
    return this.size;
  }

  /** Slot of a key, or undefined. */
  find(type: 'pay' | 'refund', key: string, h = hashKey(key, type === 'refund' ? 1 : 0)): number | undefined {
    const t = type === 'refund' ? REFUND : 0;
    const mask = this.table.length - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const cell = this.table[i]!;
      if (cell === 0) return undefined;
      const slot = cell - 1;
      const p = this.pages[slot >>> PAGE_BITS]!;
      const j = slot & IN_PAGE;
      if (p.hash[j] === h && (p.flags[j]! & REFUND) === t && this.keyIs(slot, p, j, key)) return slot;
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
    if (slot >>> PAGE_BITS === this.pages.length) this.pages.push(new Page());
    this.pages[slot >>> PAGE_BITS]!.hash[slot & IN_PAGE] = h;
    this.write(slot, row);
    this.place(slot, h);
    if (this.size * 2 > this.table.length) this.rehash();
    return slot;
  }

  /** Slots of every line, in the order they were added. */
  *slots(): Generator<number> {
    for (let slot = 0; slot < this.size; slot++) yield slot;
  }

  /** Overwrite a slot (a duplicate key whose later line is the success). */
  replace(slot: number, row: LedgerRow): void {
    this.write(slot, row);
  }

  get(slot: number): LedgerRow {
    const isRefund = this.typeOf(slot) === 'refund';
    const key = this.keyOf(slot, false);
    return {
      type: isRefund ? 'refund' : 'pay',
      orderno: isRefund ? this.keyOf(slot, true) : key,
      refundno: isRefund ? key : '',
      amount: this.amountOf(slot),
      status: this.statusOf(slot),
      time: this.timeOf(slot),
      fee: this.feeOf(slot),
      line: this.pages[slot >>> PAGE_BITS]!.line[slot & IN_PAGE]!,
      carriedFrom: this.carriedFrom(slot),
    };
  }

  typeOf(slot: number): 'pay' | 'refund' {
    return this.flagsOf(slot) & REFUND ? 'refund' : 'pay';
  }
  amountOf(slot: number): Fen {
    return this.pages[slot >>> PAGE_BITS]!.amount[slot & IN_PAGE]!;
  }
  feeOf(slot: number): Fen | undefined {
    const f = this.pages[slot >>> PAGE_BITS]!.fee[slot & IN_PAGE]!;
    return Number.isNaN(f) ? undefined : f;
  }
  statusOf(slot: number): LedgerStatus {
    return LEDGER_STATUSES[this.flagsOf(slot) & STATUS]!;
  }
  timeOf(slot: number): string {
    const t = this.pages[slot >>> PAGE_BITS]!.time[slot & IN_PAGE]!;
    return t === 0 ? '' : String(t);
  }
  isSeen(slot: number): boolean {
    return (this.flagsOf(slot) & SEEN) !== 0;
  }
  markSeen(slot: number): void {
    this.pages[slot >>> PAGE_BITS]!.flags[slot & IN_PAGE]! |= SEEN;
  }
  carriedFrom(slot: number): string | undefined {
    return this.flagsOf(slot) & CARRIED ? this.carried.get(slot) : undefined;
  }

  /** Slots never met by a bank line, in the order they were added. */
  *unseen(): Generator<number> {
    for (let slot = 0; slot < this.size; slot++) if (!this.isSeen(slot)) yield slot;
  }

  private flagsOf(slot: number): number {
    return this.pages[slot >>> PAGE_BITS]!.flags[slot & IN_PAGE]!;
  }

  private place(slot: number, h: number): void {
    const mask = this.table.length - 1;
    let i = h & mask;
    while (this.table[i] !== 0) i = (i + 1) & mask;
    this.table[i] = slot + 1;
  }

  private rehash(): void {
    this.table = new Int32Array(this.table.length * 2);
    for (let slot = 0; slot < this.size; slot++) {
      this.place(slot, this.pages[slot >>> PAGE_BITS]!.hash[slot & IN_PAGE]!);
    }
  }

  private write(slot: number, row: LedgerRow): void {
    const p = this.pages[slot >>> PAGE_BITS]!;
    const j = slot & IN_PAGE;
    p.amount[j] = row.amount;
    p.fee[j] = row.fee ?? Number.NaN;
    p.time[j] = row.time ? Number(row.time) : 0;
    p.line[j] = row.line;
    const refund = row.type === 'refund';
    let flags = LEDGER_STATUSES.indexOf(row.status) | (refund ? REFUND : 0) | (p.flags[j]! & SEEN);
    if (row.carriedFrom) {
      flags |= CARRIED;
      this.carried.set(slot, row.carriedFrom);
    } else this.carried.delete(slot);
    const key = refund ? row.refundno : row.orderno;
    const orderno = refund ? row.orderno : '';
    const at = this.pack(key, orderno);
    if (at < 0) {
      flags |= WIDE;
      this.wide.set(slot, { key, orderno });
    } else {
      this.wide.delete(slot);
      p.keyAt[j] = at;
      p.keyLen[j] = key.length;
      p.ordernoLen[j] = orderno.length;
    }
    p.flags[j] = flags;
  }

  /** Append `a` then `b` to the key bytes; -1 when either is not Latin-1 or too long. */
  private pack(a: string, b: string): number {
    if (a.length > MAX_KEY || b.length > MAX_KEY) return -1;
    if (this.bytesUsed + a.length + b.length > BYTES_PAGE) {
      if (this.bytes.length === MAX_BYTE_PAGES) {
        throw new UsageError('the ledger holds more than 4 GiB of order numbers: check it a day at a time');
      }
      this.bytes.push(Buffer.alloc(BYTES_PAGE));
      this.bytesUsed = 0;
    }
    const buf = this.bytes[this.bytes.length - 1]!;
    let pos = this.bytesUsed;
    for (let i = 0; i < a.length; i++) {
      const c = a.charCodeAt(i);
      if (c > 0xff) return -1;
      buf[pos++] = c;
    }
    for (let i = 0; i < b.length; i++) {
      const c = b.charCodeAt(i);
      if (c > 0xff) return -1;
      buf[pos++] = c;
    }
    const at = (this.bytes.length - 1) * BYTES_PAGE + this.bytesUsed;
    this.bytesUsed = pos;
    return at;
  }

  private keyIs(slot: number, p: Page, j: number, key: string): boolean {
    if (p.flags[j]! & WIDE) return this.wide.get(slot)!.key === key;
    const len = p.keyLen[j]!;
    if (len !== key.length) return false;
    const at = p.keyAt[j]!;
    const buf = this.bytes[at >>> BYTES_BITS]!;
    const start = at & IN_BYTES;
    for (let i = 0; i < len; i++) if (buf[start + i] !== key.charCodeAt(i)) return false;
    return true;
  }

  /** The slot's key, or (`orderno`) a refund's orderno. */
  private keyOf(slot: number, orderno: boolean): string {
    const p = this.pages[slot >>> PAGE_BITS]!;
    const j = slot & IN_PAGE;
    if (p.flags[j]! & WIDE) {
      const w = this.wide.get(slot)!;
      return orderno ? w.orderno : w.key;
    }
    const at = p.keyAt[j]!;
    const start = (at & IN_BYTES) + (orderno ? p.keyLen[j]! : 0);
    const len = orderno ? p.ordernoLen[j]! : p.keyLen[j]!;
    return this.bytes[at >>> BYTES_BITS]!.toString('latin1', start, start + len);
  }
}

/** FNV-1a over the key's code units, the type mixed in (a payment and a refund may share a number). */
function hashKey(key: string, type: number): number {
  let h = 0x811c9dc5 ^ type;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return (h ^ (h >>> 15)) >>> 0;
}

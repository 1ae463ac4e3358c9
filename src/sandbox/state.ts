import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../core/atomic-write.js';

/** Payment transactions that create an order. */
export type PaymentTxn = 'pay' | 'qrcode' | 'scan' | 'wechat';

/** An order and its payment (one payment per order, as on the platform). */
export interface OrderRecord {
  seq: number;
  busino: string;
  orderno: string;
  txn: PaymentTxn;
  transno: string;
  imp_tradeno: string;
  chn_tradeno: string;
  amount: number;
  /** 9 initial, 1 awaiting payment, 0 paid, 4 failed (spec 2.6.5). */
  status: '9' | '1' | '0' | '4';
  closed: boolean;
  /** Epoch ms of creation; trdate/trtime the merchant sent. */
  createdAt: number;
  /** The bank's day (CST) the order was created on, yyyyMMdd. */
  day: string;
  trdate: string;
  /** Epoch ms the payment became final (paid or failed). */
  finalAt?: number;
  /** yyyyMMddHHmmss CST of the final state, for reconciliation files. */
  finalTime?: string;
  payType: string;
  qrcodeType?: string;
  pay_acctno?: string;
  account?: string;
  notifyUrl?: string;
  returnUrl?: string;
  ordertitle?: string;
  orderdesc?: string;
  /** Auto-pay after autoPayAfterMs (false for the "stays pending" trigger). */
  autoPay: boolean;
}

/** A refund of an order. */
export interface RefundRecord {
  seq: number;
  busino: string;
  refundno: string;
  orderno: string;
  transno: string;
  /** IMP refund serial. */
  tradeno: string;
  amount: number;
  opertype: string;
  reason?: string;
  /** 1 processing, 0 refunded, 4 failed (refund query status). */
  status: '1' | '0' | '4';
  /** Final state this refund will reach when its delay passes; undefined: stays processing. */
  target?: '0' | '4';
  createdAt: number;
  day: string;
  finalAt?: number;
  finalTime?: string;
  /** What the merchant sent, to tell an idempotent retry from a reused refundno. */
  fingerprint: string;
}

/** One delivery attempt of a notification. */
export interface DeliveryAttempt {
  at: number;
  ok: boolean;
  /** HTTP status, or the network error. */
  result: string;
  /** The merchant's answer, cut short. */
  answer?: string;
}

/** A notification and its delivery log. */
export interface NotificationRecord {
  id: string;
  busino: string;
  orderno: string;
  url: string;
  body: string;
  state: 'pending' | 'delivered' | 'failed' | 'refused';
  /** Why a URL was refused (non-loopback). */
  reason?: string;
  attempts: DeliveryAttempt[];
  nextAt?: number;
}

type LogLine =
  | { t: 'order'; v: OrderRecord }
  | { t: 'refund'; v: RefundRecord }
  | { t: 'notification'; v: NotificationRecord };

interface Snapshot {
  seq: number;
  orders: OrderRecord[];
  refunds: RefundRecord[];
  notifications: NotificationRecord[];
}

const SNAPSHOT = 'state.json';
const LOG = 'state.log';

/**
 * The sandbox's state: in memory, persisted as a snapshot plus an append log of whole
 * records (last one wins). Changes are group-committed: `commit()` resolves once every
 * change so far is fsynced, so an answer is only sent for a durable state change.
 * `close()` compacts the log into a new snapshot (atomic rename).
 */
export class SandboxStore {
  readonly orders = new Map<string, OrderRecord>();
  readonly byTransno = new Map<string, OrderRecord>();
  readonly refunds = new Map<string, RefundRecord>();
  readonly notifications = new Map<string, NotificationRecord>();
  /** Refunds of each order, by refundno: the refundable amount is checked on every refund. */
  private readonly refundsByOrder = new Map<string, Map<string, RefundRecord>>();
  private seq = 0;
  private queue: string[] = [];
  private waiters: (() => void)[] = [];
  private flushing: Promise<void> | undefined;
  private log: fsp.FileHandle | undefined;

  private constructor(private readonly dir: string) {}

  static async open(dataDir: string): Promise<SandboxStore> {
    const store = new SandboxStore(dataDir);
    const snap = await fsp.readFile(path.join(dataDir, SNAPSHOT), 'utf8').catch(() => undefined);
    if (snap) {
      const s = JSON.parse(snap) as Snapshot;
      store.seq = s.seq;
      for (const o of s.orders) store.index(o);
      for (const r of s.refunds) store.indexRefund(r);
      for (const n of s.notifications) store.notifications.set(n.id, n);
    }
    const log = await fsp.readFile(path.join(dataDir, LOG), 'utf8').catch(() => '');
    for (const line of log.split('\n')) {
      if (!line.trim()) continue;
      let entry: LogLine;
      try {
        entry = JSON.parse(line);
      } catch {
        continue; // a torn last line from a crash: everything before it is intact
      }
      if (entry.t === 'order') store.index(entry.v);
      else if (entry.t === 'refund') store.indexRefund(entry.v);
      else store.notifications.set(entry.v.id, entry.v);
      if ('seq' in entry.v) store.seq = Math.max(store.seq, entry.v.seq);
    }
    store.log = await fsp.open(path.join(dataDir, LOG), 'a');
    return store;
  }

  private index(o: OrderRecord): void {
    this.orders.set(key(o.busino, o.orderno), o);
    this.byTransno.set(o.transno, o);
    this.seq = Math.max(this.seq, o.seq);
  }

  nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  order(busino: string, orderno: string): OrderRecord | undefined {
    return this.orders.get(key(busino, orderno));
  }

  refund(busino: string, refundno: string): RefundRecord | undefined {
    return this.refunds.get(key(busino, refundno));
  }

  refundsOf(o: OrderRecord): RefundRecord[] {
    return [...(this.refundsByOrder.get(key(o.busino, o.orderno))?.values() ?? [])];
  }

  private indexRefund(r: RefundRecord): void {
    this.refunds.set(key(r.busino, r.refundno), r);
    const k = key(r.busino, r.orderno);
    const m = this.refundsByOrder.get(k) ?? new Map<string, RefundRecord>();
    m.set(r.refundno, r);
    this.refundsByOrder.set(k, m);
  }

  putOrder(o: OrderRecord): void {
    this.index(o);
    this.append({ t: 'order', v: o });
  }

  putRefund(r: RefundRecord): void {
    this.indexRefund(r);
    this.append({ t: 'refund', v: r });
  }

  putNotification(n: NotificationRecord): void {
    this.notifications.set(n.id, n);
    this.append({ t: 'notification', v: n });
  }

  private append(line: LogLine): void {
    this.queue.push(JSON.stringify(line));
  }

  /** Resolve once every change made so far is on disk (fsynced). */
  commit(): Promise<void> {
    if (this.queue.length === 0 && !this.flushing) return Promise.resolve();
    const done = new Promise<void>((resolve) => this.waiters.push(resolve));
    this.kick();
    return done;
  }

  private kick(): void {
    if (this.flushing) return;
    this.flushing = this.flushLoop().finally(() => {
      this.flushing = undefined;
      if (this.waiters.length) this.kick();
    });
  }

  private async flushLoop(): Promise<void> {
    while (this.queue.length || this.waiters.length) {
      const lines = this.queue;
      const waiters = this.waiters;
      this.queue = [];
      this.waiters = [];
      if (lines.length && this.log) {
        await this.log.write(`${lines.join('\n')}\n`);
        await this.log.sync();
      }
      for (const w of waiters) w();
    }
  }

  /**
   * Let go of the log file as a process that dies does (the OS closes its descriptor): no flush,
   * no compaction. Tests that simulate a crash call it; a handle left open would be closed by the
   * garbage collector instead (DEP0137).
   */
  async abandon(): Promise<void> {
    const log = this.log;
    this.log = undefined;
    await log?.close();
  }

  /** Flush, compact into a fresh snapshot, and empty the log. */
  async close(): Promise<void> {
    await this.commit();
    const snap: Snapshot = {
      seq: this.seq,
      orders: [...this.orders.values()],
      refunds: [...this.refunds.values()],
      notifications: [...this.notifications.values()],
    };
    await writeFileAtomic(path.join(this.dir, SNAPSHOT), JSON.stringify(snap), { mode: 0o644 });
    await this.log?.truncate(0);
    await this.log?.sync();
    await this.log?.close();
    this.log = undefined;
  }
}

function key(busino: string, no: string): string {
  return `${busino}\u0000${no}`;
}

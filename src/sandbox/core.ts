import { PAY_TYPE_CODES } from '../catalogue/enums.js';
import { cstParts } from '../core/time.js';
import type { Dialect } from '../protocol/dialect.js';
import { parseFeeRate, serviceFee } from './recon-files.js';
import type { SandboxIdentity } from './setup.js';
import type { OrderRecord, RefundRecord, SandboxStore } from './state.js';

/** Options after defaults, as every part of the sandbox sees them. */
export interface CoreOptions {
  autoPayAfterMs: number;
  refundDelayMs: number;
  slowAnswerMs: number;
  feePpm: number;
  fast: boolean;
  allowRemoteNotify: boolean;
  /** Delays before each notification retry (before the `fast` division). */
  retryDelaysMs: readonly number[];
  clock: () => Date;
  /** The signature dialect the sandbox speaks (requests it verifies, answers and notifications it signs). */
  dialect: Dialect;
}

/**
 * The platform's state machine: orders, payments and refunds move through their states
 * here, and every final payment state queues a notification. Timers (auto-pay, refund
 * completion) are tracked so `close()` leaves nothing running.
 */
export class SandboxCore {
  private readonly timers = new Set<NodeJS.Timeout>();
  /**
   * Told of every final payment state: the sandbox wires its Notifier here (the notifier reads
   * the core, the core knows nothing of the notifier).
   */
  onPaymentFinal: (o: OrderRecord) => void = () => undefined;

  constructor(
    readonly options: CoreOptions,
    readonly identity: SandboxIdentity,
    readonly store: SandboxStore,
  ) {}

  now(): Date {
    return this.options.clock();
  }

  /** The bank's day and time now (Asia/Shanghai). */
  cst(): { date: string; time: string } {
    return cstParts(this.now());
  }

  /** A platform serial: prefix, the day, and a sequence number. */
  newId(prefix: string): string {
    return `${prefix}${this.cst().date}${String(this.store.nextSeq()).padStart(10, '0')}`;
  }

  serviceFee(amount: number): number {
    return serviceFee(amount, this.options.feePpm);
  }

  later(ms: number, fn: () => void | Promise<void>): void {
    const t = setTimeout(
      () => {
        this.timers.delete(t);
        Promise.resolve(fn()).catch(() => undefined);
      },
      Math.max(0, ms),
    );
    t.unref();
    this.timers.add(t);
  }

  /** Auto-pay an awaiting order later unless it is paid, failed or closed by then. */
  scheduleAutoPay(o: OrderRecord): void {
    if (!o.autoPay || o.status !== '1' || o.closed) return;
    this.later(o.createdAt + this.options.autoPayAfterMs - this.now().getTime(), async () => {
      const cur = this.store.order(o.busino, o.orderno);
      if (cur && cur.status === '1' && !cur.closed && cur.autoPay) {
        this.settlePayment(cur, '0');
        await this.store.commit();
      }
    });
  }

  /** A payment reaches a final state (0 paid, 4 failed); a paid one's notification is queued. */
  settlePayment(o: OrderRecord, status: '0' | '4'): void {
    const now = this.now();
    const { date, time } = cstParts(now);
    o.status = status;
    o.finalAt = now.getTime();
    o.finalTime = `${date}${time}`;
    if (status === '0') {
      o.payType ||= PAY_TYPE_CODES.wechat;
      o.pay_acctno ||= `oSandbox${String(o.seq).padStart(8, '0')}`;
    }
    this.store.putOrder(o);
    // spec 2.4.1 and 2.3.2 step 6: the platform notifies successful payments only
    if (status === '0') this.onPaymentFinal(o);
  }

  /** A refund moves on to the final state its trigger chose, after the refund delay. */
  scheduleRefund(r: RefundRecord): void {
    if (r.status !== '1' || !r.target) return;
    this.later(r.createdAt + this.options.refundDelayMs - this.now().getTime(), async () => {
      const cur = this.store.refund(r.busino, r.refundno);
      if (cur?.status !== '1' || !cur.target) return;
      const { date, time } = this.cst();
      cur.status = cur.target;
      cur.finalAt = this.now().getTime();
      cur.finalTime = `${date}${time}`;
      this.store.putRefund(cur);
      await this.store.commit();
    });
  }

  /** Amount of an order refunded or being refunded (failed refunds release theirs). */
  refundedOrHeld(o: OrderRecord): number {
    return this.store
      .refundsOf(o)
      .filter((r) => r.status !== '4')
      .reduce((sum, r) => sum + r.amount, 0);
  }

  /** Resume timers of a restarted sandbox. */
  resume(): void {
    for (const o of this.store.orders.values()) this.scheduleAutoPay(o);
    for (const r of this.store.refunds.values()) this.scheduleRefund(r);
  }

  close(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}

/** Parse the fee rate option once, with a clear message. */
export function feePpmOf(rate: string | number | undefined): number {
  return parseFeeRate(rate ?? '0.006');
}

import { setMaxListeners } from 'node:events';
import { CATALOGUE } from '../catalogue/index.js';
import { isLoopbackUrl } from '../core/loopback.js';
import { notificationFields } from '../notify/build.js';
import { acknowledged, postRaw } from '../notify/post.js';
import { encodeForm } from '../protocol/codec.js';
import { signResponse } from '../protocol/signer.js';
import type { SandboxCore } from './core.js';
import { paymentValues } from './payments.js';
import type { NotificationRecord, OrderRecord } from './state.js';

/** Retry delays after each failed attempt (spec practice: 15 s, 1 min, 5 min, 15 min…); `fast` divides by 100. */
export const RETRY_DELAYS_MS = [15_000, 60_000, 300_000, 900_000, 1_800_000, 3_600_000] as const;

const FORM = 'application/x-www-form-urlencoded;charset=UTF-8';

/**
 * Delivers payment notifications: signed, URL-encoded, POSTed to notify_url, retried
 * with backoff until the merchant answers exactly `respcode=00000&respmsg=success`.
 * Every attempt is kept in the delivery log (persisted; pending ones resume on restart).
 */
export class Notifier {
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;
  /** Aborts deliveries in flight when the sandbox closes, so nothing holds the process open. */
  private readonly abort = new AbortController();

  constructor(
    private readonly core: SandboxCore,
    private readonly origin: () => string,
  ) {
    // every delivery in flight listens on this one signal (and lets go when done): a batch of
    // payments has more than Node's default of 10 in flight at once, which is no leak
    setMaxListeners(0, this.abort.signal);
  }

  /** Build and queue the notification of a final payment state. */
  paymentFinal(o: OrderRecord): void {
    if (!o.notifyUrl) return;
    const { date, time } = this.core.cst();
    const fields = notificationFields(
      CATALOGUE[o.txn],
      { date, time, serialno: this.core.newId('N') },
      { ...paymentValues(this.core, o, this.origin()), status: o.status },
    );
    const id = `${o.transno}-${o.status}`;
    const signed = signResponse(
      fields,
      this.core.identity.apikey,
      this.core.identity.platformPrivate,
      this.core.identity.certid,
      this.core.options.dialect,
    );
    const n: NotificationRecord = {
      id,
      busino: o.busino,
      orderno: o.orderno,
      url: o.notifyUrl,
      body: encodeForm(signed.fields),
      state: 'pending',
      attempts: [],
      nextAt: this.core.now().getTime(),
    };
    // loopback only, unless allowRemoteNotify
    if (!this.core.options.allowRemoteNotify && !isLoopbackUrl(o.notifyUrl)) {
      n.state = 'refused';
      n.reason = 'notify_url is not a loopback address (start the sandbox with --allow-remote-notify)';
      n.nextAt = undefined;
    }
    this.core.store.putNotification(n);
    if (n.state === 'pending') this.schedule(n, 0);
  }

  private schedule(n: NotificationRecord, delayMs: number): void {
    if (this.closed) return;
    const t = setTimeout(
      () => {
        this.timers.delete(t);
        this.attempt(n).catch(() => undefined);
      },
      Math.max(0, delayMs),
    );
    t.unref();
    this.timers.add(t);
  }

  private async attempt(n: NotificationRecord): Promise<void> {
    if (this.closed) return;
    const at = this.core.now().getTime();
    let result: string;
    let answer: string | undefined;
    let good = false;
    try {
      const res = await postRaw(n.url, n.body, FORM, 10_000, this.abort.signal);
      answer = res.body.slice(0, 200);
      result = `HTTP ${res.status}`;
      good = acknowledged(res);
    } catch (err) {
      result = (err as Error).message;
    }
    if (this.closed) return;
    n.attempts.push({ at, ok: good, result, ...(answer === undefined ? {} : { answer }) });
    const failures = n.attempts.length;
    if (good) {
      n.state = 'delivered';
      n.nextAt = undefined;
    } else if (failures > this.core.options.retryDelaysMs.length) {
      n.state = 'failed';
      n.nextAt = undefined;
    } else {
      const delay =
        (this.core.options.retryDelaysMs[failures - 1] as number) / (this.core.options.fast ? 100 : 1);
      n.nextAt = this.core.now().getTime() + delay;
      this.schedule(n, delay);
    }
    this.core.store.putNotification(n);
    await this.core.store.commit();
  }

  /** Resume pending deliveries after a restart. */
  resume(): void {
    for (const n of this.core.store.notifications.values()) {
      if (n.state === 'pending') this.schedule(n, (n.nextAt ?? 0) - this.core.now().getTime());
    }
  }

  close(): void {
    this.closed = true;
    this.abort.abort();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}

import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { SummaryBasis } from '../recon/bank-columns.js';
import type { SandboxCore } from './core.js';
import { type ReconRecord, reconFileName, type WrittenReconFile, writeReconFiles } from './recon-files.js';

/**
 * The day's final, successful movements of money from the sandbox's state: paid orders
 * and refunded refunds whose final time falls on `date` (yyyyMMdd, Asia/Shanghai).
 */
export function dayRecords(core: SandboxCore, busino: string, date: string): ReconRecord[] {
  const out: ReconRecord[] = [];
  for (const o of core.store.orders.values()) {
    if (o.busino !== busino || o.status !== '0' || !o.finalTime?.startsWith(date)) continue;
    out.push({
      transno: o.transno,
      imp_tradeno: o.imp_tradeno,
      orderno: o.orderno,
      time: o.finalTime,
      type: 'pay',
      amount: o.amount,
      account: o.pay_acctno,
      orderdesc: o.orderdesc,
      payType: o.payType,
    });
  }
  for (const r of core.store.refunds.values()) {
    if (r.busino !== busino || r.status !== '0' || !r.finalTime?.startsWith(date)) continue;
    const o = core.store.byTransno.get(r.transno);
    out.push({
      transno: r.transno,
      imp_tradeno: r.tradeno,
      orderno: r.orderno,
      time: r.finalTime,
      type: 'refund',
      amount: r.amount,
      account: o?.pay_acctno,
      orderdesc: o?.orderdesc,
      payType: o?.payType,
      refundno: r.refundno,
    });
  }
  return out.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
}

/** How the reconciliation files are written. */
export interface ReconPublishOptions {
  /** The directory the SFTP server serves. */
  dir: string;
  utf8: boolean;
  aes: boolean;
  feeRate: string | number;
  /** What the summary's total sums: net (default) or gross. */
  summary?: SummaryBasis;
}

/** Writes reconciliation files: on demand (settle) and periodically (tmp_DZ today, DZ for ended days). */
export class ReconPublisher {
  constructor(
    private readonly core: SandboxCore,
    readonly options: ReconPublishOptions,
  ) {}

  private write(date: string, intraday: boolean): Promise<WrittenReconFile> {
    const { identity } = this.core;
    return writeReconFiles({
      dir: this.options.dir,
      busino: identity.busino,
      date,
      records: dayRecords(this.core, identity.busino, date),
      intraday,
      encoding: this.options.utf8 ? 'utf8' : 'gbk',
      zip: { password: identity.zipPassword, aes: this.options.aes },
      feeRate: this.options.feeRate,
      summary: this.options.summary,
    });
  }

  /** The end-of-day file of `date`, now (`imp sandbox settle`). */
  settle(date: string): Promise<WrittenReconFile> {
    return this.write(date, false);
  }

  /** The intraday file of `date`. */
  intraday(date: string): Promise<WrittenReconFile> {
    return this.write(date, true);
  }

  /** tmp_DZ for today; DZ for every ended day with activity whose file is missing. */
  async publish(): Promise<void> {
    const today = this.core.cst().date;
    const days = new Set<string>();
    for (const o of this.core.store.orders.values()) if (o.finalTime) days.add(o.finalTime.slice(0, 8));
    for (const r of this.core.store.refunds.values()) if (r.finalTime) days.add(r.finalTime.slice(0, 8));
    for (const day of days) {
      if (day === today) {
        await this.intraday(day);
        continue;
      }
      if (day > today) continue;
      const zip = reconFileName(this.core.identity.busino, day, false).replace(/\.csv$/, '.zip');
      const present = await fsp.access(path.join(this.options.dir, zip)).then(
        () => true,
        () => false,
      );
      if (!present) await this.settle(day);
    }
  }
}

import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { type Dialect, formatDialect } from '../protocol/dialect.js';
import { type CoreOptions, feePpmOf, SandboxCore } from './core.js';
import { Faults } from './faults.js';
import { lockDataDir } from './lock.js';
import { Notifier, RETRY_DELAYS_MS } from './notifier.js';
import { customerPays } from './payments.js';
import type { WrittenReconFile } from './recon-files.js';
import { ReconPublisher } from './recon-source.js';
import { createHandler } from './server.js';
import {
  ensureIdentity,
  type SandboxDescriptor,
  type SandboxIdentity,
  sandboxDialect,
  writeDescriptor,
} from './setup.js';
import { type OrderRecord, SandboxStore } from './state.js';

export { RESPCODES } from './respcodes.js';
export type { SandboxDescriptor, SandboxIdentity } from './setup.js';
export type { NotificationRecord, OrderRecord, RefundRecord } from './state.js';
export { AUTH_CODE_RULES, PAYMENT_TRIGGERS, REFUND_TRIGGERS } from './triggers.js';

/** Options of {@link startSandbox}; everything but dataDir has a default. */
export interface SandboxOptions {
  dataDir: string;
  /** Address to bind; loopback unless asked. */
  host?: string;
  /** HTTP port; 0 (default) picks a free one. */
  port?: number;
  /** SFTP port; 0 (default) picks a free one; false: no SFTP server. */
  sftpPort?: number | false;
  /** Divide notification retry delays (and the refund delay) by 100. */
  fast?: boolean;
  latencyMs?: number;
  dropRate?: number;
  errorRate?: number;
  badSignRate?: number;
  /** Seed of the fault-injection PRNG. */
  seed?: number;
  allowRemoteNotify?: boolean;
  /** Delays before each notification retry (default 15 s, 1 min, 5 min, 15 min, 30 min, 1 h; divided by 100 with fast). */
  notifyRetryDelaysMs?: readonly number[];
  /** Reconciliation files in UTF-8 instead of GBK. */
  utf8?: boolean;
  /** AES zips instead of ZipCrypto. */
  aes?: boolean;
  /** Service fee rate, decimal text (`0.006`). */
  feeRate?: string | number;
  /** What the reconciliation summary's total sums: net (default) or gross. */
  summary?: 'net' | 'gross';
  /** A pay/qrcode/wechat order is paid by itself after this long (default 5000 ms). */
  autoPayAfterMs?: number;
  /** A refund stays processing this long (default 3000 ms, 30 ms with fast). */
  refundDelayMs?: number;
  /** How long the "delay" triggers hold the answer (default 35 s: past the client's 30 s timeout). */
  slowAnswerMs?: number;
  /** Write reconciliation files periodically (default true; every 60 s, 1 s with fast). */
  publishRecon?: boolean;
  clock?: () => Date;
  /** The signature dialect to speak; kept in the data dir (`dialect.json`) and used by later starts without one. */
  dialect?: Dialect;
}

/** A running sandbox. */
export interface SandboxHandle {
  /** `http://127.0.0.1:<port>/pos/` */
  baseUrl: string;
  port: number;
  dataDir: string;
  /** What `<data>/sandbox.json` says. */
  descriptor: SandboxDescriptor;
  identity: SandboxIdentity;
  /** The dialect it speaks, `key=value,…` (or `default`). */
  dialectText: string;
  sftp:
    | { host: string; port: number; username: string; password: string; hostKey: string; dir: string }
    | undefined;
  /** Direct access to the state, for tests. */
  state: SandboxStore;
  order(orderno: string): OrderRecord | undefined;
  /** A customer pays a pending order. */
  pay(orderno: string): Promise<'paid' | 'not-pending' | 'no-order'>;
  /** Write the end-of-day reconciliation file of `date` now. */
  settle(date: string): Promise<WrittenReconFile>;
  /** Write what the periodic publisher writes, now: tmp_DZ for today, DZ for ended days without one. */
  publishRecon(): Promise<void>;
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** The core's options from the sandbox's, defaults filled in. */
function coreOptions(options: SandboxOptions, dialect: Dialect): CoreOptions {
  const fast = !!options.fast;
  return {
    autoPayAfterMs: options.autoPayAfterMs ?? 5000,
    refundDelayMs: options.refundDelayMs ?? (fast ? 30 : 3000),
    slowAnswerMs: options.slowAnswerMs ?? 35_000,
    feePpm: feePpmOf(options.feeRate),
    fast,
    allowRemoteNotify: !!options.allowRemoteNotify,
    retryDelaysMs: options.notifyRetryDelaysMs ?? RETRY_DELAYS_MS,
    clock: options.clock ?? (() => new Date()),
    dialect,
  };
}

/** The SFTP server over the reconciliation dir, and how the handle describes it. */
async function startSftp(
  identity: SandboxIdentity,
  host: string,
  urlHost: string,
  port: number,
  reconDir: string,
): Promise<{ sftp: NonNullable<SandboxHandle['sftp']>; close: () => Promise<void> }> {
  const { mkdir } = await import('node:fs/promises');
  await mkdir(reconDir, { recursive: true });
  const { startSftpServer } = await import('./sftp-server.js');
  const s = await startSftpServer({
    host,
    port,
    rootDir: reconDir,
    username: identity.sftpUser,
    password: identity.sftpPassword,
    authorizedKeys: identity.sftpClientPublic,
    hostKeyPem: identity.sftpHostKey,
  });
  const sftp = {
    host: urlHost.replace(/^\[|\]$/g, ''),
    port: s.port,
    username: identity.sftpUser,
    password: identity.sftpPassword,
    hostKey: s.hostKeyFingerprint,
    dir: reconDir,
  };
  return { sftp, close: () => s.close() };
}

/** What binding the ports gave. */
interface Bound {
  port: number;
  baseUrl: string;
  sftp: SandboxHandle['sftp'];
  sftpClose?: () => Promise<void>;
  descriptor: SandboxDescriptor;
}

/**
 * Bind the HTTP port, start the SFTP server (unless disabled) and write `sandbox.json` with the
 * ports actually bound. `listening` gets the origin as soon as requests can arrive (the
 * notifier's links need it). On failure the SFTP server is stopped; the caller undoes the rest.
 */
async function bind(
  options: SandboxOptions,
  server: Server,
  identity: SandboxIdentity,
  dataDir: string,
  reconDir: string,
  dialect: Dialect,
  listening: (origin: string) => void,
): Promise<Bound> {
  const host = options.host ?? '127.0.0.1';
  let sftpClose: (() => Promise<void>) | undefined;
  try {
    const port = await listen(server, options.port ?? 0, host);
    const urlHost =
      host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
    const origin = `http://${urlHost}:${port}`;
    listening(origin);
    const baseUrl = `${origin}/pos/`;
    let sftp: SandboxHandle['sftp'];
    if (options.sftpPort !== false) {
      const started = await startSftp(identity, host, urlHost, options.sftpPort ?? 0, reconDir);
      sftp = started.sftp;
      sftpClose = started.close;
    }
    const descriptor = await writeDescriptor(dataDir, identity, baseUrl, sftp, dialect);
    return { port, baseUrl, sftp, sftpClose, descriptor };
  } catch (err) {
    await sftpClose?.().catch(() => undefined);
    throw err;
  }
}

/**
 * Start the sandbox in this process: keys and identity (generated on first start),
 * persisted state, the HTTP platform and (unless disabled) the SFTP server.
 */
export async function startSandbox(options: SandboxOptions): Promise<SandboxHandle> {
  const dataDir = path.resolve(options.dataDir);
  const identity = await ensureIdentity(dataDir);
  const dialect = await sandboxDialect(dataDir, options.dialect);
  const unlock = await lockDataDir(dataDir);
  const store = await SandboxStore.open(dataDir).catch(async (err) => {
    await unlock();
    throw err;
  });
  const core = new SandboxCore(coreOptions(options, dialect), identity, store);
  const reconDir = path.join(dataDir, 'sftp');
  const recon = new ReconPublisher(core, {
    dir: reconDir,
    utf8: !!options.utf8,
    aes: !!options.aes,
    feeRate: options.feeRate ?? '0.006',
    summary: options.summary,
  });
  const held = new Set<ServerResponse>();
  const server = createServer(
    { keepAlive: true },
    createHandler({ core, recon, held, faults: new Faults(options) }),
  );
  let origin = '';
  // Ready before the first request can arrive: a paid order notifies at once.
  const notifier = new Notifier(core, () => origin);
  core.onPaymentFinal = (o) => notifier.paymentFinal(o);
  let bound: Bound;
  try {
    bound = await bind(options, server, identity, dataDir, reconDir, dialect, (o) => {
      origin = o;
    });
  } catch (err) {
    // A port in use must not leave the data dir locked or a server half started.
    server.close();
    await store.close();
    await unlock();
    throw err;
  }
  core.resume();
  notifier.resume();

  let publisher: NodeJS.Timeout | undefined;
  if (options.publishRecon !== false) {
    const tick = () => void recon.publish().catch(() => undefined);
    publisher = setInterval(tick, options.fast ? 1000 : 60_000);
    publisher.unref();
  }

  let closing: Promise<void> | undefined;
  return {
    baseUrl: bound.baseUrl,
    port: bound.port,
    dataDir,
    descriptor: bound.descriptor,
    identity,
    dialectText: formatDialect(dialect),
    sftp: bound.sftp,
    state: store,
    order: (orderno) => store.order(identity.busino, orderno),
    async pay(orderno) {
      const o = store.order(identity.busino, orderno);
      return o ? customerPays(core, o) : 'no-order';
    },
    settle: (date) => recon.settle(date),
    publishRecon: () => recon.publish(),
    close() {
      closing ??= (async () => {
        if (publisher) clearInterval(publisher);
        notifier.close();
        core.close();
        for (const res of held) res.destroy();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await bound.sftpClose?.();
        await store.close();
        await unlock();
      })();
      return closing;
    },
  };
}

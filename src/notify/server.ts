import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { LRUCache } from 'lru-cache';
import type { TxnName } from '../catalogue/types.js';
import { extend } from '../core/extend.js';
import { type Fen, parseFen } from '../core/money.js';
import type { PublicKeyEntry } from '../keys/types.js';
import type { Text } from '../output/i18n.js';
import type { Dialect } from '../protocol/dialect.js';
import type { Fields } from '../protocol/signer.js';
import { explainVerify } from '../protocol/verify-explain.js';
import { notificationStatus, notificationTxn } from './build.js';
import { type ForwardResult, forwardNotification } from './forward.js';
import { type GuardStats, guardConnections } from './guard.js';
import { LISTEN_DEFAULTS, type ListenLimits, MAX_NOTIFY_BYTES } from './limits.js';
import { FAIL_REPLY, SUCCESS_REPLY } from './post.js';
import { openSaveBox } from './save.js';

export type { ForwardResult } from './forward.js';
export { MAX_NOTIFY_BYTES } from './limits.js';

/** One request the listener received, as shown on a line (or one JSON object per line). */
export interface NotifyEvent {
  seq: number;
  time: string;
  kind: 'notification' | 'malformed' | 'oversize' | 'ignored';
  method: string;
  path: string;
  contentType?: string;
  bytes: number;
  fields?: Fields;
  orderno?: string;
  txn?: TxnName;
  status?: string;
  statusText?: Text;
  amount?: Fen;
  valid: boolean;
  variant?: string;
  certid?: string;
  diagnosis: Text[];
  /** A verified notification with the same orderno, imp_tradeno and status as an earlier verified one. */
  repeat: boolean;
  forward?: ForwardResult;
  /** Not forwarded: it did not verify and `--forward-unverified` is off. */
  notForwarded?: 'unverified';
  /** File the raw body was saved to (`--save`). */
  saved?: string;
  /** Not saved: it did not verify, or the day's `--save` cap is reached. */
  saveRefused?: 'unverified' | 'cap';
  reply: 'success' | 'fail' | 'none';
  httpStatus: number;
}

/** Settings of {@link startNotifyListener}. */
export interface ListenOptions {
  host: string;
  port: number;
  apikey: string;
  /** The platform keys (with certid) notifications must verify with. */
  keys: readonly PublicKeyEntry[];
  /** Other configured keys (the merchant's), to diagnose a message signed by the wrong side. */
  otherKeys?: readonly PublicKeyEntry[];
  /** The profile's signature dialect; a notification in another one is diagnosed with the setting to change. */
  dialect?: Dialect;
  profileName?: string;
  forwardTo?: string;
  /** Forward notifications that did not verify too (marked `X-Imp-Verified: false`). */
  forwardUnverified?: boolean;
  forwardTimeoutMs?: number;
  saveDir?: string;
  maxBytes?: number;
  /** Resource bounds; each missing one takes its {@link LISTEN_DEFAULTS} value. */
  limits?: Partial<ListenLimits>;
  onEvent: (event: NotifyEvent) => void;
}

/** A running listener. */
export interface NotifyListener {
  url: string;
  port: number;
  /** What the connection guard did so far (timeouts, evictions, peak connections). */
  stats: GuardStats;
  close(): Promise<void>;
}

type Body = { kind: 'ok'; data: Buffer } | { kind: 'oversize'; bytes: number } | { kind: 'aborted' };

function readBody(req: http.IncomingMessage, max: number): Promise<Body> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > max) {
    // drain rather than reset, so the client reads the 413
    req.resume();
    return Promise.resolve({ kind: 'oversize', bytes: declared });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > max) {
        req.off('data', onData);
        chunks.length = 0;
        // keep draining so the client can read the 413 instead of a reset
        req.resume();
        resolve({ kind: 'oversize', bytes: size });
        return;
      }
      chunks.push(c);
    };
    req.on('data', onData);
    req.on('end', () => resolve({ kind: 'ok', data: Buffer.concat(chunks) }));
    // a body cut off (deadline, client gone): nothing to answer, and its chunks are dropped
    req.on('close', () => resolve({ kind: 'aborted' }));
    req.on('error', () => resolve({ kind: 'aborted' }));
  });
}

/** Verify a notification body and fill in what its fields say. */
function judge(ev: NotifyEvent, data: Buffer, opts: ListenOptions): void {
  const r = explainVerify({
    raw: data,
    contentType: ev.contentType,
    apikey: opts.apikey,
    rule: 'response',
    keys: opts.keys,
    otherKeys: opts.otherKeys,
    dialect: opts.dialect,
    profileName: opts.profileName,
  });
  ev.valid = r.valid;
  ev.variant = r.variant;
  ev.certid = r.certid;
  ev.diagnosis = r.diagnosis;
  const f = r.fields;
  if (!f) {
    ev.kind = 'malformed';
    return;
  }
  ev.fields = f;
  ev.orderno = f.orderno;
  ev.txn = notificationTxn(f)?.name;
  ev.status = f.status;
  ev.statusText = notificationStatus(f);
  ev.amount = f.amt_trans === undefined ? undefined : parseFen(f.amt_trans);
}

/** Receive, verify, answer (and optionally forward and save) platform notifications. */
export async function startNotifyListener(opts: ListenOptions): Promise<NotifyListener> {
  const max = opts.maxBytes ?? MAX_NOTIFY_BYTES;
  const given = Object.entries(opts.limits ?? {}).filter(([, v]) => v !== undefined);
  const limits: ListenLimits = extend(LISTEN_DEFAULTS, Object.fromEntries(given));
  // only verified notifications enter: a forged one cannot make the genuine one a repeat
  const seen = new LRUCache<string, true>({ max: limits.repeatMemory });
  const save = opts.saveDir ? await openSaveBox(opts.saveDir, limits.saveBytesPerDay) : undefined;
  let seq = 0;

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const n = ++seq;
    const time = new Date();
    const base = {
      seq: n,
      time: time.toISOString(),
      method: req.method ?? '',
      path: req.url ?? '/',
      contentType: req.headers['content-type'],
      diagnosis: [] as Text[],
      repeat: false,
      valid: false,
    };
    const reply = (ev: NotifyEvent, text?: string) => {
      res.writeHead(ev.httpStatus, { 'content-type': 'text/plain; charset=UTF-8', connection: 'close' });
      res.end(text ?? '');
      opts.onEvent(ev);
    };
    if (req.method !== 'POST') {
      req.resume();
      guard.answering(req);
      return reply(
        extend(base, { kind: 'ignored', bytes: 0, reply: 'none', httpStatus: 405 }),
        'POST notifications here\n',
      );
    }
    const body = await readBody(req, max);
    if (body.kind === 'aborted') return;
    guard.answering(req);
    if (body.kind === 'oversize') {
      return reply(
        extend(base, { kind: 'oversize', bytes: body.bytes, reply: 'none', httpStatus: 413 }),
        'too large\n',
      );
    }
    const ev: NotifyEvent = extend(base, {
      kind: 'notification',
      bytes: body.data.length,
      reply: 'fail',
      httpStatus: 200,
    });
    judge(ev, body.data, opts);
    const f = ev.fields;
    if (ev.valid && f) {
      const key = `${f.orderno}\u0000${f.imp_tradeno}\u0000${f.status}`;
      ev.repeat = seen.has(key);
      seen.set(key, true);
    }
    if (save) {
      if (!ev.valid) ev.saveRefused = 'unverified';
      else {
        const meta = { contentType: ev.contentType ?? null, path: ev.path, receivedAt: ev.time };
        const r = await save(time, n, ev.orderno, body.data, meta);
        if ('saved' in r) ev.saved = r.saved;
        else ev.saveRefused = 'cap';
      }
    }
    if (opts.forwardTo) {
      if (ev.valid || opts.forwardUnverified) {
        ev.forward = await forwardNotification(
          opts.forwardTo,
          body.data,
          ev.contentType,
          ev,
          opts.forwardTimeoutMs ?? 10_000,
        );
      } else ev.notForwarded = 'unverified';
    }
    const good = ev.valid && (ev.forward ? ev.forward.ok : true);
    ev.reply = good ? 'success' : 'fail';
    reply(ev, good ? SUCCESS_REPLY : FAIL_REPLY);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: Error) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain; charset=UTF-8' });
        res.end(FAIL_REPLY);
      }
      opts.onEvent({
        seq: ++seq,
        time: new Date().toISOString(),
        kind: 'malformed',
        method: req.method ?? '',
        path: req.url ?? '/',
        bytes: 0,
        valid: false,
        diagnosis: [{ zh: `内部错误：${err.message}`, en: `internal error: ${err.message}` }],
        repeat: false,
        reply: 'fail',
        httpStatus: 500,
      });
    });
  });
  // the guard's own timers are the deadlines; Node's (checked every 30 s) stay as a backstop
  server.headersTimeout = limits.headerTimeoutMs + 1000;
  server.requestTimeout = 0;
  const guard = guardConnections(server, limits);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    url: `http://${host}:${port}/`,
    port,
    stats: guard.stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { LRUCache } from 'lru-cache';
import type { TxnName } from '../catalogue/types.js';
import { msg } from '../core/message.js';
import { type Fen, parseFen } from '../core/money.js';
import type { PublicKeyEntry } from '../keys/types.js';
import type { Text } from '../output/i18n.js';
import type { Dialect } from '../protocol/dialect.js';
import type { Fields } from '../protocol/signer.js';
import type { VerifyNote } from '../protocol/verify-diagnosis.js';
import { explainVerify } from '../protocol/verify-explain.js';
import { readBody } from './body.js';
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
  diagnosis: VerifyNote[];
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

/** What every request of one listener shares. */
interface Listening {
  opts: ListenOptions;
  max: number;
  /** Verified notifications seen, for `repeat`. */
  seen: LRUCache<string, true>;
  save?: Awaited<ReturnType<typeof openSaveBox>>;
  guard: ReturnType<typeof guardConnections>;
  nextSeq(): number;
}

/** The parts of an event known before the body is read. */
function eventBase(req: http.IncomingMessage, seq: number, time: Date) {
  return {
    seq,
    time: time.toISOString(),
    method: req.method ?? '',
    path: req.url ?? '/',
    contentType: req.headers['content-type'],
    diagnosis: [] as VerifyNote[],
    repeat: false,
    valid: false,
  };
}

/** Mark a verified notification a repeat when the same order, trade and status came before. */
function remember(ev: NotifyEvent, seen: Listening['seen']): void {
  const f = ev.fields;
  if (!ev.valid || !f) return;
  const key = `${f.orderno}\u0000${f.imp_tradeno}\u0000${f.status}`;
  ev.repeat = seen.has(key);
  seen.set(key, true);
}

/** `--save`: keep a verified notification's raw body (within the day's cap). */
async function saveRaw(l: Listening, ev: NotifyEvent, time: Date, data: Buffer): Promise<void> {
  if (!l.save) return;
  if (!ev.valid) {
    ev.saveRefused = 'unverified';
    return;
  }
  const meta = { contentType: ev.contentType ?? null, path: ev.path, receivedAt: ev.time };
  const r = await l.save(time, ev.seq, ev.orderno, data, meta);
  if ('saved' in r) ev.saved = r.saved;
  else ev.saveRefused = 'cap';
}

/** `--forward-to`: re-post it (an unverified one only with `--forward-unverified`). */
async function forward(opts: ListenOptions, ev: NotifyEvent, data: Buffer): Promise<void> {
  if (!opts.forwardTo) return;
  if (!ev.valid && !opts.forwardUnverified) {
    ev.notForwarded = 'unverified';
    return;
  }
  ev.forward = await forwardNotification(
    opts.forwardTo,
    data,
    ev.contentType,
    ev,
    opts.forwardTimeoutMs ?? 10_000,
  );
}

/** One request: read, verify, remember, save, forward, answer; every outcome is an event. */
async function handle(l: Listening, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const time = new Date();
  const base = eventBase(req, l.nextSeq(), time);
  const reply = (ev: NotifyEvent, text?: string) => {
    res.writeHead(ev.httpStatus, { 'content-type': 'text/plain; charset=UTF-8', connection: 'close' });
    res.end(text ?? '');
    l.opts.onEvent(ev);
  };
  if (req.method !== 'POST') {
    req.resume();
    l.guard.answering(req);
    return reply(
      { ...base, kind: 'ignored', bytes: 0, reply: 'none', httpStatus: 405 },
      'POST notifications here\n',
    );
  }
  const body = await readBody(req, l.max);
  if (body.kind === 'aborted') return;
  l.guard.answering(req);
  if (body.kind === 'oversize') {
    return reply(
      { ...base, kind: 'oversize', bytes: body.bytes, reply: 'none', httpStatus: 413 },
      'too large\n',
    );
  }
  const ev: NotifyEvent = {
    ...base,
    kind: 'notification',
    bytes: body.data.length,
    reply: 'fail',
    httpStatus: 200,
  };
  judge(ev, body.data, l.opts);
  remember(ev, l.seen);
  await saveRaw(l, ev, time, body.data);
  await forward(l.opts, ev, body.data);
  const good = ev.valid && (ev.forward ? ev.forward.ok : true);
  ev.reply = good ? 'success' : 'fail';
  reply(ev, good ? SUCCESS_REPLY : FAIL_REPLY);
}

/** The event of a request whose handling threw (answered 500 when nothing was sent yet). */
function internalError(req: http.IncomingMessage, seq: number, err: Error): NotifyEvent {
  return {
    seq,
    time: new Date().toISOString(),
    kind: 'malformed',
    method: req.method ?? '',
    path: req.url ?? '/',
    bytes: 0,
    valid: false,
    diagnosis: [msg('internal-error', { why: err.message })],
    repeat: false,
    reply: 'fail',
    httpStatus: 500,
  };
}

/** Receive, verify, answer (and optionally forward and save) platform notifications. */
export async function startNotifyListener(opts: ListenOptions): Promise<NotifyListener> {
  const given = Object.entries(opts.limits ?? {}).filter(([, v]) => v !== undefined);
  const limits: ListenLimits = { ...LISTEN_DEFAULTS, ...Object.fromEntries(given) };
  const save = opts.saveDir ? await openSaveBox(opts.saveDir, limits.saveBytesPerDay) : undefined;
  let seq = 0;
  const nextSeq = () => ++seq;
  const server = http.createServer((req, res) => {
    handle(l, req, res).catch((err: Error) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain; charset=UTF-8' });
        res.end(FAIL_REPLY);
      }
      opts.onEvent(internalError(req, nextSeq(), err));
    });
  });
  // the guard's own timers are the deadlines; Node's (checked every 30 s) stay as a backstop
  server.headersTimeout = limits.headerTimeoutMs + 1000;
  server.requestTimeout = 0;
  const l: Listening = {
    opts,
    max: opts.maxBytes ?? MAX_NOTIFY_BYTES,
    // only verified notifications enter: a forged one cannot make the genuine one a repeat
    seen: new LRUCache<string, true>({ max: limits.repeatMemory }),
    save,
    guard: guardConnections(server, limits),
    nextSeq,
  };
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    url: `http://${host}:${port}/`,
    port,
    stats: l.guard.stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

import { mkdir, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { TxnName } from '../catalogue/types.js';
import { extend } from '../core/extend.js';
import { type Fen, parseFen } from '../core/money.js';
import { cstParts } from '../core/time.js';
import type { PublicKeyEntry } from '../keys/types.js';
import type { Text } from '../output/i18n.js';
import type { Dialect } from '../protocol/dialect.js';
import type { Fields } from '../protocol/signer.js';
import { explainVerify } from '../protocol/verify-explain.js';
import { notificationStatus, notificationTxn } from './build.js';
import { FAIL_REPLY, postRaw, SUCCESS_REPLY } from './post.js';

/** Notifications are small; anything bigger is refused with 413. */
export const MAX_NOTIFY_BYTES = 64 * 1024;

/** What happened to the forwarded copy. */
export interface ForwardResult {
  url: string;
  ok: boolean;
  status?: number;
  body?: string;
  ms?: number;
  /** Set when the handler could not be reached (down, timeout). */
  error?: string;
}

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
  /** Same orderno, imp_tradeno and status as an earlier notification. */
  repeat: boolean;
  forward?: ForwardResult;
  /** File the raw body was saved to (`--save`). */
  saved?: string;
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
  forwardTimeoutMs?: number;
  saveDir?: string;
  maxBytes?: number;
  onEvent: (event: NotifyEvent) => void;
}

/** A running listener. */
export interface NotifyListener {
  url: string;
  port: number;
  close(): Promise<void>;
}

type Body = { kind: 'ok'; data: Buffer } | { kind: 'oversize'; bytes: number };

function readBody(req: http.IncomingMessage, max: number): Promise<Body> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > max) {
    // drain rather than reset, so the client reads the 413
    req.resume();
    return Promise.resolve({ kind: 'oversize', bytes: declared });
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > max) {
        req.off('data', onData);
        // keep draining so the client can read the 413 instead of a reset
        req.resume();
        resolve({ kind: 'oversize', bytes: size });
        return;
      }
      chunks.push(c);
    };
    req.on('data', onData);
    req.on('end', () => resolve({ kind: 'ok', data: Buffer.concat(chunks) }));
    req.on('error', reject);
  });
}

const safeName = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40) || 'unknown';

/** Receive, verify, answer (and optionally forward and save) platform notifications. */
export async function startNotifyListener(opts: ListenOptions): Promise<NotifyListener> {
  const max = opts.maxBytes ?? MAX_NOTIFY_BYTES;
  const seen = new Set<string>();
  let seq = 0;
  if (opts.saveDir) await mkdir(opts.saveDir, { recursive: true });

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
      return reply(
        extend(base, { kind: 'ignored', bytes: 0, reply: 'none', httpStatus: 405 }),
        'POST notifications here\n',
      );
    }
    const body = await readBody(req, max);
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
    const r = explainVerify({
      raw: body.data,
      contentType: ev.contentType,
      apikey: opts.apikey,
      rule: 'response',
      keys: opts.keys,
      otherKeys: opts.otherKeys,
      dialect: opts.dialect,
      profileName: opts.profileName,
    });
    Object.assign(ev, { valid: r.valid, variant: r.variant, certid: r.certid, diagnosis: r.diagnosis });
    const f = r.fields;
    if (!f) ev.kind = 'malformed';
    else {
      ev.fields = f;
      ev.orderno = f.orderno;
      ev.txn = notificationTxn(f)?.name;
      ev.status = f.status;
      ev.statusText = notificationStatus(f);
      ev.amount = f.amt_trans === undefined ? undefined : parseFen(f.amt_trans);
      const key = `${f.orderno}\u0000${f.imp_tradeno}\u0000${f.status}`;
      ev.repeat = seen.has(key);
      seen.add(key);
    }
    if (opts.saveDir) {
      const { date, time: hms } = cstParts(time);
      const file = join(
        opts.saveDir,
        `${date}${hms}-${String(n).padStart(4, '0')}-${safeName(f?.orderno ?? '')}.txt`,
      );
      await writeFile(file, body.data);
      const meta = { contentType: ev.contentType ?? null, path: ev.path, receivedAt: ev.time };
      await writeFile(`${file}.meta.json`, `${JSON.stringify(meta, null, 2)}\n`);
      ev.saved = file;
    }
    if (opts.forwardTo) {
      const url = opts.forwardTo;
      try {
        const ans = await postRaw(
          url,
          body.data,
          ev.contentType ?? 'application/x-www-form-urlencoded',
          opts.forwardTimeoutMs ?? 10_000,
        );
        ev.forward = {
          url,
          ok: ans.status >= 200 && ans.status < 300,
          status: ans.status,
          body: ans.body,
          ms: ans.ms,
        };
      } catch (err) {
        ev.forward = { url, ok: false, error: (err as Error).message };
      }
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
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    url: `http://${host}:${port}/`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

import type { KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { loadPlatformKeys, loadPrivateKey, loadPublicKey } from '../../src/keys/load.js';
import type { PublicKeyEntry } from '../../src/keys/types.js';
import { buildPaymentNotification } from '../../src/notify/build.js';
import { type NotifyEvent, type NotifyListener, startNotifyListener } from '../../src/notify/server.js';
import { signResponse } from '../../src/protocol/signer.js';
import { VECTOR_KEYS, VECTOR_SIGNATURES } from './vectors.js';

export const NOTIFY_APIKEY = JSON.parse(readFileSync(VECTOR_SIGNATURES, 'utf8')).apikey as string;
export const NOTIFY_CERTID = 'CERT1234567890123456789';
export const FORM = 'application/x-www-form-urlencoded; charset=UTF-8';

/** The test keys of a notification listener: the platform's to sign, the merchant's as the wrong side. */
export interface NotifyKeys {
  platformPriv: KeyObject;
  merchantPriv: KeyObject;
  keys: PublicKeyEntry[];
  otherKeys: PublicKeyEntry[];
}

export async function notifyKeys(): Promise<NotifyKeys> {
  return {
    platformPriv: await loadPrivateKey({ path: join(VECTOR_KEYS, 'platform-private.pem') }),
    merchantPriv: await loadPrivateKey({ path: join(VECTOR_KEYS, 'merchant-private.pem') }),
    keys: await loadPlatformKeys([{ certid: NOTIFY_CERTID, path: join(VECTOR_KEYS, 'platform-cert.pem') }]),
    otherKeys: [
      { key: await loadPublicKey(join(VECTOR_KEYS, 'merchant-cert.pem')), source: 'merchant-cert.pem' },
    ],
  };
}

/** A payment notification signed with `key` (the platform's unless told). */
export function signedNotification(
  k: NotifyKeys,
  orderno: string,
  opts: { status?: 'paid' | 'failed'; amount?: number; key?: KeyObject } = {},
) {
  const fields = buildPaymentNotification({
    orderno,
    status: opts.status ?? 'paid',
    amount: opts.amount ?? 180,
  });
  return signResponse(fields, NOTIFY_APIKEY, opts.key ?? k.platformPriv, NOTIFY_CERTID).fields;
}

/** An in-process listener with the test keys; events are collected. */
export async function testListener(
  k: NotifyKeys,
  extra: Partial<Parameters<typeof startNotifyListener>[0]> = {},
): Promise<{ listener: NotifyListener; events: NotifyEvent[] }> {
  const events: NotifyEvent[] = [];
  const listener = await startNotifyListener({
    host: '127.0.0.1',
    port: 0,
    apikey: NOTIFY_APIKEY,
    keys: k.keys,
    otherKeys: k.otherKeys,
    onEvent: (e) => events.push(e),
    ...extra,
  });
  return { listener, events };
}

/** A merchant handler on 127.0.0.1 that records each body and its headers. */
export async function recordingHandler(): Promise<{
  url: string;
  got: { body: Buffer; headers: IncomingHttpHeaders }[];
  close(): Promise<void>;
}> {
  const got: { body: Buffer; headers: IncomingHttpHeaders }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      got.push({ body: Buffer.concat(chunks), headers: req.headers });
      res.end('handled');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/imp/notify`,
    got,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

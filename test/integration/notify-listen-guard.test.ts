import { mkdtempSync, readdirSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAIL_REPLY, postRaw, SUCCESS_REPLY } from '../../src/notify/post.js';
import type { NotifyListener } from '../../src/notify/server.js';
import { encodeForm, encodeRaw } from '../../src/protocol/codec.js';
import {
  FORM,
  type NotifyKeys,
  notifyKeys,
  recordingHandler,
  signedNotification,
  testListener,
} from '../helpers/notify.js';
import { until } from '../helpers/wait.js';

// Issue 12: the listener trusts only what verified, and its resources are bounded.
let k: NotifyKeys;
let handler: Awaited<ReturnType<typeof recordingHandler>>;
const listeners: NotifyListener[] = [];
const open = async (extra: Parameters<typeof testListener>[1] = {}) => {
  const l = await testListener(k, extra);
  listeners.push(l.listener);
  return l;
};

beforeAll(async () => {
  k = await notifyKeys();
  handler = await recordingHandler();
});
afterAll(async () => {
  for (const l of listeners) await l.close();
  await handler.close();
});

/** Every kind of notification that must not verify. */
function unverified(): [string, string][] {
  const good = signedNotification(k, 'N-GOOD');
  const { sign: _s, ...unsigned } = good;
  return [
    ['unsigned', encodeForm(unsigned)],
    ['badly signed', encodeForm({ ...good, amt_trans: '9999900' })],
    ['merchant-key signed', encodeForm(signedNotification(k, 'N-MER', { key: k.merchantPriv }))],
    ['unreadable', '%%%'],
    ['empty', ''],
  ];
}

describe('forwarding (--forward-to)', () => {
  it('forwards only verified notifications, marked X-Imp-Verified: true', async () => {
    const { listener, events } = await open({ forwardTo: handler.url });
    const before = handler.got.length;
    for (const [, body] of unverified()) {
      expect((await postRaw(listener.url, body, FORM, 5000)).body).toBe(FAIL_REPLY);
    }
    expect(handler.got.length).toBe(before);
    expect(events.every((e) => e.notForwarded === 'unverified' && !e.forward)).toBe(true);
    const body = encodeForm(signedNotification(k, 'N-FWD-OK'));
    expect((await postRaw(listener.url, body, FORM, 5000)).body).toBe(SUCCESS_REPLY);
    expect(handler.got.length).toBe(before + 1);
    expect(handler.got.at(-1)?.body.toString()).toBe(body);
    expect(handler.got.at(-1)?.headers['x-imp-verified']).toBe('true');
    expect(handler.got.at(-1)?.headers['x-imp-diagnosis']).toBeUndefined();
  });

  it('--forward-unverified forwards the rest with X-Imp-Verified: false and the diagnosis, still answering fail', async () => {
    const { listener } = await open({ forwardTo: handler.url, forwardUnverified: true });
    for (const [what, body] of unverified()) {
      const before = handler.got.length;
      expect((await postRaw(listener.url, body, FORM, 5000)).body, what).toBe(FAIL_REPLY);
      expect(handler.got.length, what).toBe(before + 1);
      const h = handler.got.at(-1)!.headers;
      expect(h['x-imp-verified'], what).toBe('false');
      expect(h['x-imp-diagnosis'], what).toMatch(/\w/);
    }
    const h = handler.got.at(-5)!.headers;
    expect(h['x-imp-diagnosis']).toMatch(/no `sign` field/);
  });
});

describe('repeat detection', () => {
  it('counts only verified notifications: a forgery sent first does not make the genuine one a repeat', async () => {
    const { listener, events } = await open();
    const genuine = signedNotification(k, 'N-VICTIM');
    const forged = encodeRaw({ ...genuine, sign: 'AAAA' });
    await postRaw(listener.url, forged, 'text/plain', 5000);
    await postRaw(listener.url, encodeRaw(genuine), 'text/plain', 5000);
    expect(events.at(-1)).toMatchObject({ orderno: 'N-VICTIM', valid: true, repeat: false });
    await postRaw(listener.url, encodeRaw(genuine), 'text/plain', 5000);
    expect(events.at(-1)).toMatchObject({ valid: true, repeat: true });
  });

  it('remembers a bounded number of notifications, forgetting the least recently seen', async () => {
    const { listener, events } = await open({ limits: { repeatMemory: 2 } });
    const [a, b, c] = ['N-A', 'N-B', 'N-C'].map((o) => encodeRaw(signedNotification(k, o)));
    for (const body of [a, b, c, a]) await postRaw(listener.url, body!, 'text/plain', 5000);
    expect(events.map((e) => e.repeat)).toEqual([false, false, false, false]);
    await postRaw(listener.url, a!, 'text/plain', 5000);
    expect(events.at(-1)?.repeat).toBe(true);
  });
});

describe('--save', () => {
  it('keeps verified notifications only, up to a byte cap per day', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'imp-notify-cap-'));
    const one = encodeRaw(signedNotification(k, 'N-SAVE-0'));
    // room for two notifications and their .meta.json, not three
    const { listener, events } = await open({
      saveDir: dir,
      limits: { saveBytesPerDay: 2 * (one.length + 200) + 10 },
    });
    for (const [, body] of unverified()) await postRaw(listener.url, body, FORM, 5000);
    expect(events.every((e) => e.saveRefused === 'unverified' && !e.saved)).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
    for (const o of ['N-SAVE-1', 'N-SAVE-2', 'N-SAVE-3']) {
      const ans = await postRaw(listener.url, encodeRaw(signedNotification(k, o)), 'text/plain', 5000);
      expect(ans.body).toBe(SUCCESS_REPLY);
    }
    expect(events.slice(-3).map((e) => e.saveRefused ?? 'saved')).toEqual(['saved', 'saved', 'cap']);
    expect(readdirSync(dir).filter((f) => f.endsWith('.txt'))).toHaveLength(2);
  });
});

/** A connection that sends `first` and then nothing; resolves with the ms until the server closed it. */
function stall(url: string, first: string): Promise<number> {
  const { port } = new URL(url);
  const started = Date.now();
  return new Promise((resolve) => {
    const s: Socket = connect(Number(port), '127.0.0.1', () => s.write(first));
    s.on('error', () => {});
    s.on('close', () => resolve(Date.now() - started));
    s.resume();
  });
}

describe('slow and many connections', () => {
  it('closes a connection whose headers or body do not arrive within the deadline', async () => {
    const { listener } = await open({ limits: { headerTimeoutMs: 400, bodyTimeoutMs: 400 } });
    const [headers, body, silent] = await Promise.all([
      stall(listener.url, 'POST / HTTP/1.1\r\nHost: x\r\nX-Slow: '),
      stall(listener.url, `POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\norderno=`),
      stall(listener.url, ''),
    ]);
    for (const ms of [headers, body, silent]) {
      expect(ms).toBeGreaterThanOrEqual(350);
      expect(ms).toBeLessThan(3000);
    }
    expect(listener.stats.timedOut).toBe(3);
  });

  it('holds at most maxConnections, dropping the oldest slow sender so a notification still gets through', async () => {
    const { listener } = await open({ limits: { maxConnections: 5, headerTimeoutMs: 60_000 } });
    const sockets: Socket[] = [];
    for (let i = 0; i < 12; i++) {
      const s = connect(Number(new URL(listener.url).port), '127.0.0.1', () =>
        s.write('POST / HTTP/1.1\r\n'),
      );
      s.on('error', () => {});
      sockets.push(s);
    }
    await until(() => listener.stats.evicted >= 7);
    expect(listener.stats.peak).toBeLessThanOrEqual(5);
    const ans = await postRaw(listener.url, encodeForm(signedNotification(k, 'N-CAP')), FORM, 5000);
    expect(ans.body).toBe(SUCCESS_REPLY);
    expect(listener.stats.peak).toBeLessThanOrEqual(5);
    for (const s of sockets) s.destroy();
  });
});

describe('the limits flags', () => {
  it('take positive numbers, seconds and MiB, and keep the defaults otherwise', async () => {
    const { listenLimits } = await import('../../src/commands/notify/limit-flags.js');
    const { LISTEN_DEFAULTS } = await import('../../src/notify/limits.js');
    expect(listenLimits({})).toEqual(LISTEN_DEFAULTS);
    expect(
      listenLimits({
        maxConnections: '8',
        headerTimeout: '1.5',
        bodyTimeout: '3',
        saveMaxMb: '2',
        repeatMemory: '9',
      }),
    ).toEqual({
      maxConnections: 8,
      headerTimeoutMs: 1500,
      bodyTimeoutMs: 3000,
      saveBytesPerDay: 2 * 1024 * 1024,
      repeatMemory: 9,
    });
    expect(() => listenLimits({ maxConnections: '0' })).toThrow(
      /--max-connections: '0' is not a positive whole number/,
    );
    expect(() => listenLimits({ headerTimeout: 'soon' })).toThrow(/--header-timeout/);
  });
});

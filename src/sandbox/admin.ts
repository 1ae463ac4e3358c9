import type { IncomingMessage, ServerResponse } from 'node:http';
import { isYmd } from '../core/time.js';
import { parseNotification } from '../protocol/codec.js';
import { customerPays } from './payments.js';
import type { ServerDeps } from './server.js';
import { AUTH_CODE_RULES, PAYMENT_TRIGGERS, REFUND_TRIGGERS } from './triggers.js';

function json(res: ServerResponse, status: number, doc: unknown): void {
  const body = `${JSON.stringify(doc, null, 2)}\n`;
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

/** A JSON or form body, or nothing. */
function params(body: Buffer, type: string | undefined, url: URL): Record<string, string> {
  const out: Record<string, string> = Object.fromEntries(url.searchParams);
  const text = body.toString('utf8').trim();
  if (!text) return out;
  if (text.startsWith('{')) return { ...out, ...(JSON.parse(text) as Record<string, string>) };
  return { ...out, ...parseNotification(text, type ?? 'application/x-www-form-urlencoded') };
}

/**
 * Test and operator endpoints under `/_sandbox/`: JSON in, JSON out.
 * POST pay {orderno}, POST|GET settle?date=, GET notifications[?orderno=], GET orders/<orderno>, GET triggers.
 */
export async function handleAdmin(
  deps: ServerDeps,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  body: Buffer,
): Promise<void> {
  const { core } = deps;
  const busino = core.identity.busino;
  const what = url.pathname.slice('/_sandbox/'.length);
  let p: Record<string, string>;
  try {
    p = params(body, req.headers['content-type'], url);
  } catch (err) {
    return json(res, 400, { ok: false, error: `unreadable body: ${(err as Error).message}` });
  }
  if (what === 'pay' && req.method === 'POST') {
    const o = p.orderno ? core.store.order(p.busino || busino, p.orderno) : undefined;
    if (!o) return json(res, 404, { ok: false, error: `no such order: ${p.orderno ?? '(orderno missing)'}` });
    const result = await customerPays(core, o);
    if (result !== 'paid') {
      const why = o.closed ? 'closed' : o.status === '0' ? 'already paid' : 'failed';
      return json(res, 409, {
        ok: false,
        error: `order ${o.orderno} is not awaiting payment (${why})`,
        order: o,
      });
    }
    return json(res, 200, { ok: true, order: o });
  }
  if (what === 'settle') {
    const date = p.date ?? '';
    if (!isYmd(date)) return json(res, 400, { ok: false, error: `date must be yyyyMMdd, got '${date}'` });
    const file = await deps.recon.settle(date);
    return json(res, 200, { ok: true, date, file });
  }
  if (what === 'notifications') {
    const list = [...core.store.notifications.values()].filter((n) => !p.orderno || n.orderno === p.orderno);
    return json(res, 200, { ok: true, notifications: list });
  }
  const order = /^orders\/(.+)$/.exec(what);
  if (order) {
    const o = core.store.order(p.busino || busino, decodeURIComponent(order[1] as string));
    if (!o) return json(res, 404, { ok: false, error: 'no such order' });
    return json(res, 200, { ok: true, order: o, refunds: core.store.refundsOf(o) });
  }
  if (what === 'triggers') {
    return json(res, 200, {
      payments: PAYMENT_TRIGGERS,
      refunds: REFUND_TRIGGERS,
      authCodes: AUTH_CODE_RULES,
    });
  }
  json(res, 404, { ok: false, error: `no such sandbox endpoint: ${url.pathname}` });
}

import { createPublicKey } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CATALOGUE, txnByPath } from '../catalogue/index.js';
import type { TxnDef } from '../catalogue/types.js';
import { parseNotification } from '../protocol/codec.js';
import { formatDialect } from '../protocol/dialect.js';
import { type Fields, verifyRequest, verifyResponse } from '../protocol/signer.js';
import { validateFields } from '../protocol/validate.js';
import { handleAdmin } from './admin.js';
import { answerBody, fail, type Reply, signedAnswerFields } from './answer.js';
import { cashierPage, merchantReturnPage, messagePage, returnPage, wantsHtml } from './cashier.js';
import type { SandboxCore } from './core.js';
import type { FaultDraw, Faults } from './faults.js';
import { closeOrder, createPayment, customerPays, queryPayment } from './payments.js';
import type { ReconPublisher } from './recon-source.js';
import { createRefund, queryRefund } from './refunds.js';
import type { OrderRecord } from './state.js';

/** trtype values the spec documents besides the table's (deployments send them: PROTOCOL-NOTES). */
const TRTYPE_ALTERNATIVES: Record<string, readonly string[]> = {
  pay: ['GP00001'],
  wechat: ['GP00012'],
  query: ['GP00061'],
  close: ['GP00011'],
};
const SUBCODE_ALTERNATIVES: Record<string, readonly string[]> = {
  close: ['guokai.gpay.closeorder'],
  // the scan example (2.6.7.6) sends the qrcode subcode; the path already names the transaction
  scan: ['guokai.gpay.applyQrcode'],
};

const norm = (s: string) => s.replace(/\s+/g, '').toLowerCase();

/** Everything a request handler needs. */
export interface ServerDeps {
  core: SandboxCore;
  faults: Faults;
  recon: ReconPublisher;
  /** Sockets held open by the "delay" trigger, released on close. */
  held: Set<ServerResponse>;
}

const MAX_BODY = 1 << 20;

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error(`body larger than ${MAX_BODY} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, {
    'content-type': `${type}; charset=utf-8`,
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

/** The request checks every transaction shares: fields, merchant, codes, then the signature. */
function checkRequest(core: SandboxCore, txn: TxnDef, req: Fields): Reply | undefined {
  const ids = { orderno: req.orderno ?? '', ...(req.refundno ? { refundno: req.refundno } : {}) };
  const problems = validateFields(req, txn.request, { signed: true });
  if (problems.length) {
    const more = problems.length > 1 ? ` (+${problems.length - 1} more)` : '';
    return fail('badField', `${problems[0]?.message.en}${more}`, ids);
  }
  if (req.busino !== core.identity.busino) return fail('unknownMerchant', `busino ${req.busino}`, ids);
  const trtypes = [txn.trtype, ...(TRTYPE_ALTERNATIVES[txn.name] ?? [])];
  if (!trtypes.includes(req.trtype ?? ''))
    return fail('badTxnCode', `trtype ${req.trtype} (expected ${txn.trtype})`, ids);
  const subcodes = [txn.subcode, ...(SUBCODE_ALTERNATIVES[txn.name] ?? [])].map(norm);
  if (!subcodes.includes(norm(req.subcode ?? ''))) {
    return fail('badTxnCode', `subcode ${req.subcode} (expected ${txn.subcode})`, ids);
  }
  const key = { key: core.identity.merchantPublic, source: 'merchant-public.pem' };
  if (!verifyRequest(req, core.identity.apikey, [key], core.options.dialect).valid) {
    return fail(
      'badSign',
      `merchant signature does not verify (dialect ${formatDialect(core.options.dialect)}, merchant key, apikey)`,
      ids,
    );
  }
  return undefined;
}

async function dispatch(deps: ServerDeps, txn: TxnDef, req: Fields, origin: string): Promise<Reply> {
  const { core } = deps;
  switch (txn.name) {
    case 'pay':
    case 'qrcode':
    case 'scan':
    case 'wechat':
      return (await createPayment(core, txn, req, origin)).reply;
    case 'query':
      return queryPayment(core, req, origin);
    case 'close':
      return closeOrder(core, req);
    case 'refund':
      return createRefund(core, req);
    case 'refundquery':
      return queryRefund(core, req);
  }
}

/** A wait that never keeps the process alive: a closed sandbox must let `imp sandbox` exit at once. */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms).unref());

/** What a transaction answers: a page with its status, or a dropped connection. */
type Page = { status: number; type: string; body: string; delay?: boolean };
type Outcome = Page | 'drop';

const page = (body: string, type = 'text/plain', status = 200): Page => ({ status, type, body });

/**
 * One API transaction. `--latency` is the platform's answer time: the answer leaves that long
 * after the request arrived, the sandbox's own work (checks, the handler, RSA) inside it, as a
 * platform that far away would answer. Before, the work came on top, so a 50 ms sandbox answered
 * in 52–56 ms on a busy machine.
 */
async function transaction(
  deps: ServerDeps,
  txn: TxnDef,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const fault = deps.faults.draw();
  const due = performance.now() + fault.latencyMs;
  let outcome: Outcome;
  try {
    outcome = await answerTransaction(deps, txn, req, fault);
  } catch (err) {
    if (!(err instanceof BodyError)) throw err;
    res.setHeader('connection', 'close'); // the rest of the body is not read
    outcome = page(answerBody(await signedAnswerFields(deps.core, txn, {}, err.reply), false));
  }
  const wait = due - performance.now();
  if (wait > 0) await sleep(wait);
  if (outcome === 'drop') return void req.socket.destroy();
  if (outcome.delay) {
    deps.held.add(res);
    await sleep(deps.core.options.slowAnswerMs);
    deps.held.delete(res);
    if (res.destroyed) return;
  }
  send(res, outcome.status, outcome.type, outcome.body);
}

/** A body too large to read: answered with a signed badField, and the connection closed. */
class BodyError extends Error {
  constructor(readonly reply: Reply) {
    super(reply.detail);
  }
}

/** Faults, parsing, checks, the handler, then the signed answer (or a trigger's effect). */
async function answerTransaction(
  deps: ServerDeps,
  txn: TxnDef,
  req: IncomingMessage,
  fault: FaultDraw,
): Promise<Outcome> {
  const { core } = deps;
  let raw: Buffer;
  try {
    raw = await readBody(req);
  } catch (err) {
    throw new BodyError(fail('badField', (err as Error).message));
  }
  if (fault.drop) return 'drop';
  if (fault.error) return page('Internal Server Error (sandbox fault injection)', 'text/plain', 500);
  const origin = `http://${req.headers.host ?? '127.0.0.1'}`;
  let fields: Fields;
  try {
    fields = parseNotification(raw, req.headers['content-type']);
  } catch (err) {
    const reply = fail('badField', `unreadable body: ${(err as Error).message}`);
    return page(answerBody(await signedAnswerFields(core, txn, {}, reply), false));
  }
  const browser = txn.name === 'pay' && wantsHtml(req.headers.accept);
  let reply = checkRequest(core, txn, fields);
  if (browser) {
    if (reply) return page(messagePage('IMP sandbox', reply.detail ?? reply.resp), 'text/html');
    const made = await createPayment(core, txn, fields, origin, true);
    if (!made.order || made.reply.resp !== 'ok') {
      return page(messagePage('IMP sandbox', made.reply.detail ?? made.reply.resp), 'text/html');
    }
    return page(cashierPage(made.order, `${origin}/pos/`), 'text/html');
  }
  reply ??= await dispatch(deps, txn, fields, origin);
  if (reply.effect === 'http-500') return page('Internal Server Error (sandbox trigger)', 'text/plain', 500);
  if (reply.effect === 'drop') return 'drop';
  const body = answerBody(
    await signedAnswerFields(core, txn, fields, reply),
    reply.effect === 'bad-sign' || fault.badSign,
  );
  return { ...page(body), delay: reply.effect === 'delay' };
}

/** The cashier buttons and the QR landing page. */
async function cashier(
  deps: ServerDeps,
  o: OrderRecord,
  action: string | undefined,
  res: ServerResponse,
  origin: string,
) {
  const { core } = deps;
  if (!action) return send(res, 200, 'text/html', cashierPage(o, `${origin}/pos/`));
  if (action === 'pay') await customerPays(core, o);
  else if (o.status === '1') {
    o.autoPay = false; // the customer walked away; the merchant may close the order
    core.store.putOrder(o);
    await core.store.commit();
  }
  if (!o.returnUrl) return send(res, 200, 'text/html', cashierPage(o, `${origin}/pos/`));
  const txn = CATALOGUE.pay;
  const reply = queryPayment(core, { busino: o.busino, orderno: o.orderno }, origin);
  const fields = await signedAnswerFields(
    core,
    txn,
    { trtype: txn.trtype, subcode: txn.subcode },
    { ...reply, values: { ...reply.values, status: o.status } },
  );
  send(res, 200, 'text/html', returnPage(o.returnUrl, fields));
}

/** The sandbox profile's return_url: what a merchant's return page would show and check. */
async function merchantReturn(deps: ServerDeps, req: IncomingMessage, res: ServerResponse) {
  const { identity } = deps.core;
  const fields = parseNotification(await readBody(req), req.headers['content-type']);
  const key = createPublicKey(identity.platformPrivate);
  const verified =
    !!fields.sign &&
    verifyResponse(fields, identity.apikey, [{ key, source: 'sandbox' }], deps.core.options.dialect).valid;
  send(res, 200, 'text/html', merchantReturnPage(fields, verified));
}

/** The sandbox's request listener. Never answers 500 except for the 500 trigger and injected faults. */
export function createHandler(deps: ServerDeps) {
  return (req: IncomingMessage, res: ServerResponse) => {
    route(deps, req, res).catch((err: Error) => {
      if (res.headersSent) return void res.destroy();
      // A bug in the sandbox, not a platform answer: say so plainly.
      send(res, 500, 'text/plain', `sandbox internal error: ${err.message}`);
    });
  };
}

async function route(deps: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sandbox');
  const p = url.pathname;
  const origin = `http://${req.headers.host ?? '127.0.0.1'}`;
  if (p === '/_sandbox/return') return merchantReturn(deps, req, res);
  if (p.startsWith('/_sandbox/')) return handleAdmin(deps, req, res, url, await readBody(req));
  const qr = /^\/pos\/(?:qr|_cashier)\/([^/]+)(?:\/(pay|cancel))?$/.exec(p);
  if (qr) {
    const o = deps.core.store.byTransno.get(decodeURIComponent(qr[1] as string));
    if (!o) return send(res, 404, 'text/html', messagePage('IMP sandbox', 'no such order'));
    return cashier(deps, o, req.method === 'POST' ? qr[2] : undefined, res, origin);
  }
  const txn = p.startsWith('/pos/') ? txnByPath(p.slice('/pos/'.length)) : undefined;
  if (txn && req.method === 'POST') return transaction(deps, txn, req, res);
  if (p === '/' || p === '/pos/' || p === '/pos') {
    return send(
      res,
      200,
      'text/plain',
      'IMP sandbox: POST transactions under /pos/IMP-CPos/…; see /_sandbox/triggers\n',
    );
  }
  send(res, 404, 'text/plain', `no such path: ${p}\n`);
}

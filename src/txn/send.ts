import { getTxn } from '../catalogue/index.js';
import type { TxnName } from '../catalogue/types.js';
import { profileDialect } from '../config/signature.js';
import {
  ImpError,
  type KnownIds,
  NotSentError,
  SignatureError,
  UnknownOutcomeError,
} from '../core/errors.js';
import { type Message, msg } from '../core/message.js';
import { postForm } from '../http/client.js';
import type { JournalOutcome } from '../journal/types.js';
import { english, saidHints } from '../output/messages/errors.js';
import { AMBIGUOUS_MESSAGE, parseAnswer } from '../protocol/codec.js';
import type { Fields } from '../protocol/signer.js';
import { verifyResponse } from '../protocol/signer.js';
import { classifyAnswer } from './classify.js';
import { logAnswer, logRequest } from './exchange-log.js';
import { unknownHints } from './hints.js';
import { prepareTxn } from './prepare.js';
import type { TxnSession } from './session.js';
import type { PreparedTxn, SendOptions, TxnIds, TxnOutcome } from './types.js';

const headerText = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The two read-only transactions: the only ones ever retried, and not journaled by default. */
export function isQueryTxn(name: TxnName): boolean {
  return name === 'query' || name === 'refundquery';
}

/**
 * Send a prepared request: journal line (fsynced) → POST → parse → verify the
 * signature before trusting any field → classify → journal outcome.
 *
 * Throws UnknownOutcomeError (exit 3) when no trustworthy answer arrived,
 * SignatureError (exit 4, outcome unknown) when the answer does not verify;
 * both name the command that finds out, and the journal records `unknown`.
 * A verified answer, good or bad, is returned as a {@link TxnOutcome}.
 */
export async function sendPrepared(
  session: TxnSession,
  p: PreparedTxn,
  opts: Pick<SendOptions, 'retries' | 'journal' | 'journalExtra' | 'journalBegin' | 'afterBegin'> = {},
): Promise<TxnOutcome> {
  const query = isQueryTxn(p.txn);
  const ids = { ...p.ids };
  // built only when an error needs them (a batch's rows mostly do not)
  let hintLines: (string | Message)[] | undefined;
  const hints = () => (hintLines ??= unknownHints(session, p.txn, ids));
  const errIds = withoutAmount(ids);
  const rec = await beginRecord(session, p, opts, ids.amount, errIds);
  const answer = await post(session, p, query ? (opts.retries ?? 2) : 0, { errIds, hints, rec });
  const { fields, certid } = await trustedAnswer(session, p, answer, { errIds, hints, rec });

  if (fields.orderno && ids.orderno && fields.orderno !== ids.orderno) {
    const message = `the answer is for order ${fields.orderno}, not ${ids.orderno}`;
    await rec.settle({ state: 'unknown', error: message, verified: true });
    throw new UnknownOutcomeError(message, { ids: errIds, ...saidHints(hints()), details: rec.details });
  }

  const txn = getTxn(p.txn, session.profile.overrides[p.txn]);
  const { state, status } = classifyAnswer(txn, fields);
  if (fields.transno && !ids.transno) ids.transno = fields.transno;
  await rec.settle({
    state,
    respcode: fields.respcode,
    respmsg: fields.respmsg,
    status: status?.value,
    transno: fields.transno || undefined,
    // the refund's IMP serial: its refund query sends it as tradeno (2.6.4.3)
    ...(p.txn === 'refund' && fields.imp_tradeno ? { tradeno: fields.imp_tradeno } : {}),
    httpStatus: answer.status,
    verified: true,
  });
  return {
    txn: p.txn,
    ok: state === 'success',
    state,
    respcode: fields.respcode,
    respmsg: fields.respmsg,
    verified: true,
    certid,
    status,
    request: ids,
    response: fields,
    url: p.url,
    journalId: rec.journalId,
    ms: answer.ms,
  };
}

/** A request's journal entry, when it has one: its id, and how its outcome is recorded. */
interface RequestRecord {
  journalId?: string;
  /** What errors carry in their details: the journal entry's id, when there is one. */
  details: { journalId?: string };
  /** Record the outcome (nothing when the request is not journaled). */
  settle(o: JournalOutcome): Promise<void>;
}

/** What the steps after the journal line need to say about a failure. */
interface FailureContext {
  errIds: KnownIds;
  hints: () => (string | Message)[];
  rec: RequestRecord;
}

/**
 * The begin line, before anything leaves (fsynced for what moves money), then `afterBegin`, the
 * last word before the request leaves (a refund's claim check): a refusal there means not sent.
 */
async function beginRecord(
  session: TxnSession,
  p: PreparedTxn,
  opts: Pick<SendOptions, 'journal' | 'journalExtra' | 'journalBegin' | 'afterBegin'>,
  amount: TxnIds['amount'],
  errIds: KnownIds,
): Promise<RequestRecord> {
  const { journal } = session;
  const query = isQueryTxn(p.txn);
  let journalId: string | undefined;
  if (opts.journal ?? !query) {
    // A query moves no money: its lines need no fsync wait (batch queries would queue on the disk).
    const begun = await journal.begin(
      { txn: p.txn, ...errIds, amount, url: p.url, ...opts.journalBegin, extra: opts.journalExtra },
      { durable: !query },
    );
    journalId = begun.id;
  }
  const rec: RequestRecord = {
    journalId,
    details: journalId ? { journalId } : {},
    async settle(o) {
      if (journalId) await journal.finish(journalId, { source: 'send', ...o }, { durable: !query });
    },
  };
  if (journalId && opts.afterBegin) {
    try {
      await opts.afterBegin(journalId);
    } catch (err) {
      await rec.settle({ state: 'not_sent', error: (err as Error).message });
      if (err instanceof ImpError) Object.assign(err.details, rec.details);
      throw err;
    }
  }
  return rec;
}

/**
 * POST the request. A failure is recorded by its class: never left (refused, DNS, TLS handshake,
 * connect timeout) is `not_sent`, safe to run again; a 4xx is `failure`, the platform did not
 * take it; anything else may have happened (`unknown`).
 */
async function post(
  session: TxnSession,
  p: PreparedTxn,
  retries: number,
  { errIds, hints, rec }: FailureContext,
): Promise<Awaited<ReturnType<typeof postForm>>> {
  logRequest(session, p);
  let answer: Awaited<ReturnType<typeof postForm>>;
  try {
    answer = await postForm({
      url: p.url,
      body: p.body,
      http: session.profile.http,
      retries,
      ids: errIds,
      unknownHints: hints,
      onRetry: (n, e) => logAnswer(session, { error: `${e.message} (retry ${n}/${retries})` }),
    });
  } catch (err) {
    const e = err as ImpError;
    logAnswer(session, { error: e.message });
    const httpStatus = e.details?.httpStatus as number | undefined;
    const state =
      err instanceof NotSentError
        ? 'not_sent'
        : err instanceof ImpError && !(err instanceof UnknownOutcomeError)
          ? 'failure'
          : 'unknown';
    await rec.settle({ state, error: e.message, httpStatus });
    if (err instanceof ImpError) Object.assign(err.details, rec.details);
    throw err;
  }
  logAnswer(session, { status: answer.status, ms: answer.ms, body: answer.body });
  return answer;
}

/**
 * The answer's fields, once they can be trusted: parsed, and signed by a platform key. An
 * unreadable answer is an unknown outcome (a key twice, a bad key or bad bytes: a bad
 * signature, as no reading of it can be trusted); a bad signature is exit 4, outcome unknown.
 */
async function trustedAnswer(
  session: TxnSession,
  p: PreparedTxn,
  answer: Awaited<ReturnType<typeof postForm>>,
  { errIds, hints, rec }: FailureContext,
): Promise<{ fields: Fields; certid?: string }> {
  const { profile } = session;
  let fields: Fields;
  try {
    fields = parseAnswer(answer.body, headerText(answer.headers['content-type']));
  } catch (err) {
    const message = `unreadable answer from ${new URL(p.url).host}: ${(err as Error).message}`;
    await rec.settle({ state: 'unknown', error: message, httpStatus: answer.status });
    const cause = { ids: errIds, ...saidHints(hints()), cause: err, details: rec.details };
    if ((err as ImpError).code === AMBIGUOUS_MESSAGE) throw new SignatureError(message, cause);
    throw new UnknownOutcomeError(message, cause);
  }
  const verified = verifyResponse(
    fields,
    profile.apikey,
    await session.platformKeys(),
    profileDialect(profile),
  );
  logAnswer(session, { verified: verified.valid });
  if (verified.valid) return { fields, certid: verified.certid };
  const dialectHints = await otherDialectHints(session, fields);
  await rec.settle({
    state: 'unknown',
    error: 'answer signature invalid',
    httpStatus: answer.status,
    verified: false,
  });
  const said = msg('txn-bad-signature');
  throw new SignatureError(english(said), {
    said,
    ids: errIds,
    ...saidHints([...hints(), msg('txn-check-keys'), ...dialectHints]),
    details: { ...rec.details, certid: fields.certid },
  });
}

/** The identifiers without the amount (errors carry identifiers only), keys in the same order. */
function withoutAmount(ids: TxnIds): KnownIds {
  const out: KnownIds = {};
  for (const key in ids) if (key !== 'amount') out[key] = ids[key as keyof TxnIds] as string;
  return out;
}

/** Build, validate, sign and send in one go (no `--dry-run` handling: see {@link prepareTxn}). */
export async function sendTxn(session: TxnSession, name: TxnName, opts: SendOptions): Promise<TxnOutcome> {
  return sendPrepared(session, await prepareTxn(session, name, opts), opts);
}

/** An answer that fails only because the profile reads the signature rules differently: say which setting verifies. */
async function otherDialectHints(session: TxnSession, fields: Fields): Promise<Message[]> {
  const { profile } = session;
  const { findDialect, dialectAdvice } = await import('../protocol/dialect-search.js');
  const m = findDialect(
    fields,
    profile.apikey,
    await session.platformKeys(),
    profileDialect(profile),
    'answer',
  );
  if (!m || !Object.keys(m.changes).length) return [];
  const { verifyText } = await import('../output/messages/verify.js');
  return dialectAdvice(m, profile.name).map((note) => msg('txn-words', { ...verifyText(note) }));
}

import { CONFIG_PROBLEM_CODES } from '../catalogue/respcodes.js';
import { ConfigError, NotSentError, SignatureError, UnknownOutcomeError } from '../core/errors.js';
import { type Message, msg } from '../core/message.js';
import type { JournalEntry, JournalState } from '../journal/index.js';
import type { Text } from '../output/i18n.js';
import { english } from '../output/messages/errors.js';
import { answerSettles, queryPayment, queryRefund, settleFromQuery } from './queries.js';
import type { TxnSession } from './session.js';
import type { TxnOutcome } from './types.js';

function configProblem(s: ResolveStopped, settled: number, total: number): ConfigError {
  const answer = [s.respcode, s.respmsg].filter(Boolean).join(' ');
  const said = msg('txn-resolve-config', {
    answer,
    problem: msg('txn-words', { ...s.problem }),
    untouched: total - settled,
    handled: settled,
  });
  return new ConfigError(english(said), {
    code: 'RESOLVE_CONFIG',
    said,
    details: { respcode: s.respcode, handled: settled, untouched: total - settled },
  });
}

/** What resolve did for one journal entry. */
export interface Resolution {
  id: string;
  txn: string;
  at: string;
  orderno?: string;
  refundno?: string;
  before: JournalState;
  after: JournalState;
  respcode?: string;
  respmsg?: string;
  /** Why the entry stays as it was: a line of its own (English), or said as a code. */
  error?: string | Message;
}

const PAYMENT_TXNS = new Set(['pay', 'qrcode', 'scan', 'wechat']);

/**
 * Ask the matching query about one unsettled entry and record the answer: the
 * refund query for a refund, the payment query for a payment (and for a journaled
 * query). Never re-sends the original request.
 */
async function resolveOne(
  session: TxnSession,
  e: JournalEntry,
  asked: Map<string, TxnOutcome>,
): Promise<Pick<Resolution, 'after' | 'respcode' | 'respmsg' | 'error'>> {
  if (!e.orderno) return { after: e.state, error: 'no orderno in the journal entry' };
  let q: TxnOutcome;
  if (e.txn === 'refund' || e.txn === 'refundquery') {
    if (!e.refundno) return { after: e.state, error: 'no refundno in the journal entry' };
    q = await queryRefund(
      session,
      { refundno: e.refundno, orderno: e.orderno, transno: e.transno },
      { settle: false },
    );
  } else if (PAYMENT_TXNS.has(e.txn) || e.txn === 'query') {
    // one payment query settles every payment entry of the order
    const key = `${e.orderno}`;
    q =
      asked.get(key) ??
      (await queryPayment(session, { orderno: e.orderno, transno: e.transno }, { settle: false }));
    asked.set(key, q);
  } else {
    return {
      after: e.state,
      error: msg('txn-not-by-query', { txn: e.txn }),
    };
  }
  const problem = CONFIG_PROBLEM_CODES[q.respcode ?? ''];
  if (problem) throw new ResolveStopped(q.respcode ?? '', q.respmsg, problem);
  if (!answerSettles(q)) {
    // not an answer about this request (system error, unlisted code): the entry stays as it was
    return { after: e.state, respcode: q.respcode, respmsg: q.respmsg, error: unsettledWhy(q) };
  }
  if (e.txn === 'query' || e.txn === 'refundquery') {
    // a journaled query (batch) is its own entry: its new verified answer is its outcome,
    // as the pipeline records it when the query is sent
    await session.journal.finish(e.id, {
      state: q.state,
      respcode: q.respcode,
      respmsg: q.respmsg,
      status: q.status?.value,
      verified: true,
      source: 'resolve',
    });
    return { after: q.state, respcode: q.respcode, respmsg: q.respmsg };
  }
  // the pipeline decides which entries a query answer settles (and records them)
  const updated = await settleFromQuery(session, q);
  const after = updated.includes(e.id) ? q.state : ((await session.journal.get(e.id))?.state ?? e.state);
  return { after, respcode: q.respcode, respmsg: q.respmsg };
}

/** The first answers showed a configuration problem: resolve touches no further entry. */
class ResolveStopped extends Error {
  constructor(
    readonly respcode: string,
    readonly respmsg: string | undefined,
    readonly problem: Text,
  ) {
    super(respcode);
  }
}

function unsettledWhy(q: TxnOutcome): Message {
  return msg('txn-not-definite', { code: [q.respcode, q.respmsg].filter(Boolean).join(' ') });
}

/**
 * Settle every journal entry whose outcome is unknown or pending (including one left by a
 * process killed between its two journal lines) by asking its query; never re-sends. A query's
 * answer naming a configuration problem stops it (ConfigError, exit 2); an entry whose query got
 * no answer keeps its state and says why.
 */
export async function resolvePending(session: TxnSession): Promise<Resolution[]> {
  const pending = await session.journal.pending();
  session.journal.warnDamaged(session.out, session.imp);
  const asked = new Map<string, TxnOutcome>();
  const done: Resolution[] = [];
  for (const e of pending) {
    const base = {
      id: e.id,
      txn: e.txn,
      at: e.at,
      orderno: e.orderno,
      refundno: e.refundno,
      before: e.state,
    };
    try {
      done.push({ ...base, ...(await resolveOne(session, e, asked)) });
    } catch (err) {
      if (err instanceof ResolveStopped) throw configProblem(err, done.length, pending.length);
      if (
        !(err instanceof UnknownOutcomeError || err instanceof SignatureError || err instanceof NotSentError)
      )
        throw err;
      done.push({ ...base, after: e.state, error: err.said ?? err.message });
    }
  }
  return done;
}

import { CONFIG_PROBLEM_CODES } from '../../catalogue/respcodes.js';
import type { CommandRun } from '../../cli/kit/command.js';
import { impPrefix } from '../../cli/kit/hint.js';
import { ConfigError, NotSentError, SignatureError, UnknownOutcomeError } from '../../core/errors.js';
import { ExitCode } from '../../core/exit-codes.js';
import type { JournalEntry, JournalState } from '../../journal/index.js';
import { type Text, t } from '../../output/i18n.js';
import { answerSettles, queryPayment, queryRefund, settleFromQuery } from '../../txn/queries.js';
import { openSession, type TxnSession } from '../../txn/session.js';
import type { TxnOutcome } from '../../txn/types.js';

function configProblem(zh: boolean, s: ResolveStopped, settled: number, total: number): ConfigError {
  const answer = [s.respcode, s.respmsg].filter(Boolean).join(' ');
  return new ConfigError(
    zh
      ? `平台答复 ${answer}：${s.problem.zh}。已停止，其余 ${total - settled} 条未动（之前处理 ${settled} 条）`
      : `the platform answered ${answer}: ${s.problem.en}. Stopped; ${total - settled} entries left untouched (${settled} handled before)`,
    {
      code: 'RESOLVE_CONFIG',
      details: { respcode: s.respcode, handled: settled, untouched: total - settled },
    },
  );
}

import { renderJournalTable, stateWord } from './render.js';

/** What resolve did for one journal entry. */
interface Resolution {
  id: string;
  txn: string;
  at: string;
  orderno?: string;
  refundno?: string;
  before: JournalState;
  after: JournalState;
  respcode?: string;
  respmsg?: string;
  error?: string;
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
      error:
        session.ctx.lang === 'zh'
          ? `${e.txn} 无法通过查询确定结果：可再次运行（关闭订单可重复执行）`
          : `${e.txn} cannot be settled by a query: run it again (closing is idempotent)`,
    };
  }
  const problem = CONFIG_PROBLEM_CODES[q.respcode ?? ''];
  if (problem) throw new ResolveStopped(q.respcode ?? '', q.respmsg, problem);
  if (!answerSettles(q)) {
    // not an answer about this request (system error, unlisted code): the entry stays as it was
    return { after: e.state, respcode: q.respcode, respmsg: q.respmsg, error: unsettledWhy(session, q) };
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

function unsettledWhy(session: TxnSession, q: TxnOutcome): string {
  const code = [q.respcode, q.respmsg].filter(Boolean).join(' ');
  return session.ctx.lang === 'zh'
    ? `${code}：不是对该请求的明确答复，结果仍未知`
    : `${code}: not a definite answer about this request; the outcome stays unknown`;
}

/**
 * `imp journal resolve`: settle every entry whose outcome is unknown or pending
 * (including one left by a process killed between its two journal lines).
 * Exit 3 when some outcome is still unknown afterwards.
 */
export const run: CommandRun = async (ctx) => {
  const session = await openSession(ctx);
  const pending = await session.journal.pending();
  session.journal.warnDamaged(ctx.out, impPrefix(ctx));
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
      if (err instanceof ResolveStopped)
        throw configProblem(ctx.lang === 'zh', err, done.length, pending.length);
      if (
        !(err instanceof UnknownOutcomeError || err instanceof SignatureError || err instanceof NotSentError)
      )
        throw err;
      done.push({ ...base, after: e.state, error: err.message });
    }
  }
  const stillUnknown = done.filter((d) => d.after === 'unknown').length;
  const exitCode = stillUnknown > 0 ? ExitCode.unknown : ExitCode.ok;
  return {
    exitCode,
    json: { ok: exitCode === ExitCode.ok, count: done.length, stillUnknown, entries: done },
    render(out) {
      if (done.length === 0) {
        out.print(out.t(t('没有需要查明的请求', 'nothing to resolve: every outcome is settled')));
        return;
      }
      out.print(
        renderJournalTable(out, done, [
          [t('之前', 'before'), (d) => stateWord(out, d.before)],
          [t('现在', 'now'), (d) => stateWord(out, d.after)],
          [t('说明', 'message'), (d) => d.error ?? [d.respcode, d.respmsg].filter(Boolean).join(' ')],
        ]),
      );
    },
  };
};

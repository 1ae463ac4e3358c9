import { basename } from 'node:path';
import type { CommandInput, CommandResult } from '../cli/command.js';
import type { Context } from '../cli/context.js';
import { confirm } from '../cli/prompt.js';
import { specByteLength } from '../core/bytes.js';
import { ImpError, SignatureError, UnknownOutcomeError, UsageError } from '../core/errors.js';
import { extend } from '../core/extend.js';
import { describeFen } from '../core/money.js';
import { isFinalState } from '../journal/index.js';
import { t } from '../output/i18n.js';
import { type BookEntry, checkRefund, RefundBook } from '../refund/book.js';
import { cancelled } from '../refund/confirm.js';
import { withRefundLock } from '../refund/lock.js';
import { planRefund } from '../refund/plan.js';
import { sendRefund } from '../refund/send.js';
import { openSession, type TxnSession } from '../txn/session.js';
import { type CsvRow, cellFen } from './csv-input.js';
import { type RowResult, runBatch } from './run.js';

/** Columns of a refund batch: `orderno,amount_fen[,refundno,reason]` (amounts in integer 分). */
export const REFUND_BATCH_COLUMNS = [
  { name: 'orderno', required: true },
  { name: 'amount_fen', required: true },
  { name: 'refundno', required: false },
  { name: 'reason', required: false },
] as const;

const RESULT_COLUMNS = [
  'line',
  'orderno',
  'amount_fen',
  'refundno',
  'opertype',
  'outcome',
  'state',
  'status',
  'respcode',
  'respmsg',
  'error',
] as const;

/**
 * `imp refund --batch <file.csv>`: every single-refund safety rule per row, one
 * confirmation for the whole file (rows and total), rows of one order one at a
 * time. A row is identified by its refundno, else by file name + line + order +
 * amount (journaled as `extra.batchRow`): on a re-run a row that already sent a
 * refund is never sent again; if its outcome is not final it is only queried.
 */
export async function runRefundBatch(ctx: Context, input: CommandInput): Promise<CommandResult> {
  const opts = input.opts;
  const file = String(opts.batch);
  const clash = [
    input.args[0] && '<orderno>',
    opts.amount && '--amount',
    opts.void && '--void',
    opts.refundNo && '--refund-no',
    opts.transno && '--transno',
    opts.field && '--field',
    opts.wait && '--wait',
  ].filter(Boolean);
  if (clash.length > 0)
    throw new UsageError(`--batch takes its orders and amounts from the file, not ${clash.join(', ')}`);
  const name = basename(file);
  const zh = ctx.lang === 'zh';
  const session = await openSession(ctx);
  let book: RefundBook | undefined;
  // one imp refund process at a time per profile (see withRefundLock)
  return withRefundLock(session.journal.file, zh, () =>
    runBatch(ctx, file, opts, {
      label: t('退款', 'refunds'),
      columns: REFUND_BATCH_COLUMNS,
      resultColumns: RESULT_COLUMNS,
      withAmounts: true,
      check(row) {
        const refundno = row.values.refundno;
        if (refundno && specByteLength(refundno) > 30) {
          throw new UsageError(`${name}:${row.line}: refundno is longer than 30 bytes`, {
            code: 'BATCH_ROW',
          });
        }
        return cellFen(file, row, 'amount_fen');
      },
      async beforeStart(rows, total) {
        // read before asking, so a damaged-journal warning is seen before the yes, not under the bar
        book = await RefundBook.load(session.journal);
        book.warnDamaged(ctx.out);
        ctx.out.note(
          zh
            ? `${name}：${rows} 笔退款，合计 ${describeFen(total, 'zh')}`
            : `${name}: ${rows} refunds, total ${describeFen(total)}`,
        );
        const ok = await confirm(
          ctx,
          t(
            `确认发起这 ${rows} 笔退款（合计 ${describeFen(total, 'zh')}）？`,
            `send these ${rows} refunds (total ${describeFen(total)})?`,
          ),
        );
        if (!ok) throw cancelled(zh);
      },
      key: (row) => row.values.orderno ?? '',
      process: (row) => refundRow(session, book as RefundBook, name, row, !!opts.force),
    }),
  );
}

async function refundRow(
  session: TxnSession,
  book: RefundBook,
  name: string,
  row: CsvRow,
  force: boolean,
): Promise<RowResult> {
  const orderno = row.values.orderno as string;
  const amount = Number(row.values.amount_fen);
  const given = row.values.refundno || undefined;
  const base = { line: row.line, orderno, amount_fen: amount, refundno: given };
  const rowKey = `${name}:${row.line}:${orderno}:${amount}`;
  const prior = given ? book.refund(given) : book.row(rowKey);
  if (prior && (prior.orderno !== orderno || prior.amount !== amount)) {
    return extend(base, {
      outcome: 'refused',
      error: `refundno ${given} is already used by another refund (${prior.orderno})`,
    });
  }
  if (prior) return resumeRow(session, prior, base);

  let plan: Awaited<ReturnType<typeof planRefund>>;
  try {
    plan = await planRefund(
      session,
      book,
      { orderno, amount, refundno: given, reason: row.values.reason || undefined },
      { settlePayment: false },
    );
  } catch (err) {
    // nothing was sent for this row: it stays eligible on a re-run
    return extend(base, { outcome: 'refused', error: (err as Error).message });
  }
  if (plan.duplicate && !force) {
    return extend(base, {
      refundno: plan.refundno,
      outcome: 'refused',
      error: `a refund of the same order and amount within 10 minutes (${plan.duplicate.refundno}); --force to send anyway`,
    });
  }
  const ids = extend(base, { refundno: plan.refundno, opertype: plan.opertype });
  try {
    const o = await sendRefund(session, book, plan, { journalExtra: { batchRow: rowKey } });
    return extend(ids, {
      outcome:
        o.state === 'success' || o.state === 'pending'
          ? o.state
          : o.state === 'failure'
            ? 'failure'
            : 'unknown',
      state: o.state,
      status: o.status?.value,
      respcode: o.respcode,
      respmsg: o.respmsg,
    });
  } catch (err) {
    const e = err as ImpError;
    const sent = err instanceof UnknownOutcomeError || err instanceof SignatureError;
    const journaled = e instanceof ImpError && e.details.journalId !== undefined;
    return extend(ids, { outcome: sent ? 'unknown' : journaled ? 'failure' : 'refused', error: e.message });
  }
}

/** A row that sent a refund on an earlier run: final → skipped; otherwise ask the refund query, never re-send. */
async function resumeRow(
  session: TxnSession,
  prior: BookEntry,
  base: { line: number; orderno: string; amount_fen: number; refundno?: string },
): Promise<RowResult> {
  const ids = extend(base, {
    refundno: prior.refundno,
    opertype: prior.extra?.opertype as string | undefined,
  });
  if (isFinalState(prior.state)) return extend(ids, { outcome: 'skipped', state: prior.state });
  const check = await checkRefund(session, prior);
  if (!check.query) return extend(ids, { outcome: 'unknown', state: prior.state, error: check.error });
  const q = check.query;
  const state = prior.state;
  return extend(ids, {
    outcome: state === 'unknown' ? 'unknown' : state,
    state,
    status: q.status?.value,
    respcode: q.respcode,
    respmsg: q.respmsg,
  });
}

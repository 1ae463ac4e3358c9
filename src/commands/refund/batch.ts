import { basename } from 'node:path';
import { type CsvRow, cellFen } from '../../batch/csv-input.js';
import { type RowResult, runBatch } from '../../batch/run.js';
import { rowOutcomeOf } from '../../batch/summary.js';
import type { CommandInput, CommandResult } from '../../cli/kit/command.js';
import type { Context } from '../../cli/kit/context.js';
import { impPrefix } from '../../cli/kit/hint.js';
import { confirm } from '../../cli/kit/prompt.js';
import { specByteLength } from '../../core/bytes.js';
import {
  ImpError,
  NotSentError,
  SignatureError,
  UnknownOutcomeError,
  UsageError,
} from '../../core/errors.js';
import { isFinalState } from '../../journal/index.js';
import { t } from '../../output/i18n.js';
import { errorIn } from '../../output/messages/errors.js';
import { describeFen } from '../../output/messages/money.js';
import { isWireId } from '../../protocol/validate.js';
import { type BookEntry, RefundBook } from '../../refund/book.js';
import { decideRow, refundnoRule } from '../../refund/decide.js';
import { withRefundLock } from '../../refund/lock.js';
import { planRefund } from '../../refund/plan.js';
import { sendRefund } from '../../refund/send.js';
import type { TxnSession } from '../../txn/session.js';
import { batchResult } from '../shared/batch-result.js';
import { openSession } from '../shared/session.js';
import { cancelled } from './confirm.js';

/**
 * Columns of a refund batch: `orderno,amount_fen[,refundno,again,reason]` (amounts in integer 分;
 * `again`: which refund of that order and amount the row is, 1 when empty: the ordinal of the
 * refund's identity).
 */
export const REFUND_BATCH_COLUMNS = [
  { name: 'orderno', required: true },
  { name: 'amount_fen', required: true },
  { name: 'refundno', required: false },
  { name: 'again', required: false },
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
 * `imp refund --batch <file.csv>`: every single-refund safety rule per row, one confirmation for
 * the whole file (rows and total), rows of one order one at a time. A row is identified like a
 * single refund, by (busino, orderno, amount, ordinal: its `again` column, 1 when absent) or by
 * its refundno, never by its line: rows moved, added or removed and the file run again, a row
 * whose refund was sent is never sent again (if its outcome is not final it is only queried).
 * Identical rows are refused unless the file has a refundno or again column that tells them
 * apart. `--retry-failed` sends rows whose refund failed for certain again, under a new number.
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
    opts.again && '--again',
  ].filter(Boolean);
  if (clash.length > 0)
    throw new UsageError(`--batch takes its orders and amounts from the file, not ${clash.join(', ')}`);
  const name = basename(file);
  const session = await openSession(ctx);
  const seen = new Map<string, number>();
  const retryFailed = !!opts.retryFailed;
  let book: RefundBook | undefined;
  // one imp refund process at a time per profile (see withRefundLock)
  const report = await withRefundLock(session.journal, () =>
    runBatch(ctx.out, file, opts, {
      label: t('退款', 'refunds'),
      columns: REFUND_BATCH_COLUMNS,
      resultColumns: RESULT_COLUMNS,
      check(row) {
        const amount = cellFen(file, row, 'amount_fen');
        checkRow(name, row, amount, seen);
        return amount;
      },
      async beforeStart(rows, total) {
        // read before asking, so a damaged-journal warning is seen before the yes, not under the bar
        book = await RefundBook.load(session.journal);
        book.warnDamaged(ctx.out, impPrefix(ctx));
        ctx.out.note(
          ctx.out.t(
            t(
              `${name}：${rows} 笔退款，合计 ${describeFen(total, 'zh')}`,
              `${name}: ${rows} refunds, total ${describeFen(total)}`,
            ),
          ),
        );
        const ok = await confirm(
          ctx,
          t(
            `确认发起这 ${rows} 笔退款（合计 ${describeFen(total, 'zh')}）？`,
            `send these ${rows} refunds (total ${describeFen(total)})?`,
          ),
        );
        if (!ok) throw cancelled(ctx.out);
      },
      key: (row) => row.values.orderno ?? '',
      // on a shared journal each row locks its order on every machine (see Journal.lockOrder)
      process: (row) =>
        session.journal.lockOrder(session.profile.busino, row.values.orderno ?? '', () =>
          refundRow(session, book as RefundBook, row, retryFailed),
        ),
    }),
  );
  return batchResult(report, true, session.imp);
}

/** The ordinal a row's `again` column gives (1 when empty). */
function ordinalOfRow(row: CsvRow): number {
  const v = row.values.again ?? '';
  return v === '' ? 1 : Number(v);
}

/**
 * First pass, per row: the numbers the wire must carry, the `again` column, and identical rows
 * (the same order and amount twice is refused unless a refundno or again column tells them apart).
 */
function checkRow(name: string, row: CsvRow, amount: number, seen: Map<string, number>): void {
  const where = `${name}:${row.line}`;
  const { orderno = '', refundno = '', again = '' } = row.values;
  for (const [col, v] of [
    ['orderno', orderno],
    ['refundno', refundno],
  ] as const) {
    if (v && !isWireId(v))
      throw new UsageError(`${where}: ${col} ${JSON.stringify(v)} holds a character the wire cannot carry`, {
        code: 'BATCH_ROW',
      });
  }
  if (refundno && specByteLength(refundno) > 30)
    throw new UsageError(`${where}: refundno is longer than 30 bytes`, { code: 'BATCH_ROW' });
  if (again !== '' && !/^[1-9]\d{0,5}$/.test(again))
    throw new UsageError(`${where}: again must be 1, 2, 3… (which refund of this order and amount)`, {
      code: 'BATCH_ROW',
    });
  const key = refundno ? `no:${refundno}` : `id:${orderno}|${amount}|${ordinalOfRow(row)}`;
  const first = seen.get(key);
  if (first !== undefined) {
    const distinguish = 'again' in row.values || 'refundno' in row.values;
    throw new UsageError(
      refundno
        ? `${where}: refundno ${refundno} is also on line ${first}`
        : distinguish
          ? `${where}: the same refund as line ${first} (order ${orderno}, ${amount} fen, again ${ordinalOfRow(row)})`
          : `${where}: the same order and amount as line ${first}; to refund it twice on purpose, add an again column (1, 2) or a refundno column`,
      { code: 'BATCH_DUPLICATE_ROW' },
    );
  }
  seen.set(key, row.line);
}

async function refundRow(
  session: TxnSession,
  book: RefundBook,
  row: CsvRow,
  retryFailed: boolean,
): Promise<RowResult> {
  const orderno = row.values.orderno as string;
  const amount = Number(row.values.amount_fen);
  const given = row.values.refundno || undefined;
  const ordinal = ordinalOfRow(row);
  const base = { line: row.line, orderno, amount_fen: amount, refundno: given };
  // the single refund's rule, checked before anything is asked
  const used = refundnoRule(given ? book.refund(given) : undefined, { orderno, amount, refundno: given });
  if (used?.code === 'REFUNDNO_USED') {
    return {
      ...base,
      outcome: 'refused',
      error: `refundno ${given} is already used by another refund (${used.params.used.orderno})`,
    };
  }
  // a row whose refund is final needs no request at all (the common case of a re-run)
  const quick = decideRow(book.same(orderno, amount), ordinal, new Set(), retryFailed);
  if (quick.kind === 'done' && isFinalState(quick.entry.state) && (!given || quick.entry.refundno === given))
    return doneRow(base, quick.entry);

  let plan: Awaited<ReturnType<typeof planRefund>>;
  try {
    plan = await planRefund(
      session,
      book,
      { orderno, amount, refundno: given, reason: row.values.reason || undefined, ordinal, retryFailed },
      { settlePayment: false },
    );
  } catch (err) {
    const e = err as ImpError;
    const unknown = err instanceof UnknownOutcomeError || err instanceof SignatureError;
    // nothing was sent for this row: it stays eligible on a re-run
    return { ...base, outcome: unknown ? 'unknown' : 'refused', error: errorIn(session.out.lang, e) };
  }
  const d = plan.decision;
  if (d.kind === 'done') return doneRow(base, d.entry);
  if (d.kind === 'resumed') {
    const q = plan.checks.find((c) => c.entry.id === d.entry.id)?.query;
    return {
      ...base,
      refundno: d.entry.refundno,
      opertype: d.entry.extra?.opertype as string | undefined,
      outcome: rowOutcomeOf(d.entry.state),
      state: d.entry.state,
      status: q?.status?.value,
      respcode: q?.respcode,
      respmsg: q?.respmsg,
    };
  }
  const ids = { ...base, refundno: plan.refundno, opertype: plan.opertype };
  try {
    const o = await sendRefund(session, book, plan);
    return {
      ...ids,
      outcome: rowOutcomeOf(o.state),
      state: o.state,
      status: o.status?.value,
      respcode: o.respcode,
      respmsg: o.respmsg,
    };
  } catch (err) {
    const e = err as ImpError;
    const sent = err instanceof UnknownOutcomeError || err instanceof SignatureError;
    const journaled =
      e instanceof ImpError && e.details.journalId !== undefined && !(err instanceof NotSentError);
    return {
      ...ids,
      outcome: sent ? 'unknown' : journaled ? 'failure' : 'refused',
      error: errorIn(session.out.lang, e),
    };
  }
}

/** A row whose refund is final in the journal: nothing sent this run. */
function doneRow(
  base: { line: number; orderno: string; amount_fen: number; refundno?: string },
  prior: BookEntry,
): RowResult {
  return {
    ...base,
    refundno: prior.refundno,
    opertype: prior.extra?.opertype as string | undefined,
    outcome: 'skipped',
    state: prior.state,
    ...(prior.state === 'failure'
      ? { error: 'its refund failed on an earlier run; --retry-failed sends it again under a new number' }
      : {}),
  };
}

import { basename } from 'node:path';
import type { CsvRow } from '../../batch/csv-input.js';
import { type RowResult, runBatch } from '../../batch/run.js';
import { rowOutcomeOf } from '../../batch/summary.js';
import type { CommandRun } from '../../cli/kit/command.js';
import { impPrefix } from '../../cli/kit/hint.js';
import { ImpError, UsageError } from '../../core/errors.js';
import { parseDecimalYuan, parseFen } from '../../core/money.js';
import { type Journal, JournalDamage, type JournalState } from '../../journal/index.js';
import { isFinalState } from '../../journal/types.js';
import { t } from '../../output/i18n.js';
import { errorIn } from '../../output/messages/errors.js';
import { prepareTxn } from '../../txn/prepare.js';
import { paymentTransno } from '../../txn/queries.js';
import { sendPrepared } from '../../txn/send.js';
import type { TxnSession } from '../../txn/session.js';
import type { SendOptions } from '../../txn/types.js';
import { batchResult } from '../shared/batch-result.js';
import { openSession } from '../shared/session.js';

/**
 * Columns of a query batch: `orderno[,transno]` for payments; a row with a
 * `refundno` is a refund query (`refundno,orderno[,transno]`, transno being the
 * payment's IMP order number).
 */
export const QUERY_BATCH_COLUMNS = [
  { name: 'orderno', required: true },
  { name: 'refundno', required: false },
  { name: 'transno', required: false },
] as const;

const RESULT_COLUMNS = [
  'line',
  'orderno',
  'refundno',
  'transno',
  'outcome',
  'state',
  'status',
  'amount_fen',
  'order_amount_fen',
  'respcode',
  'respmsg',
  'error',
] as const;

const PAYMENT_TXNS = new Set(['pay', 'qrcode', 'scan', 'wechat', 'query']);

/** Final states already in the journal, by row key (`P:<orderno>` or `R:<refundno>`): read once. */
/** What one pass over the journal tells the batch: final states, and refunds' IMP serials. */
interface JournalFacts {
  /** `R:<refundno>` or `P:<orderno>` → its final state (such rows are skipped unless --refresh). */
  finals: Map<string, JournalState>;
  /** refundno → the imp_tradeno its refund answer gave: the refund query sends it (2.6.4.3). */
  tradenos: Map<string, string>;
}

async function journalFacts(journal: Journal, damage: JournalDamage): Promise<JournalFacts> {
  const keys = new Map<string, string>();
  const finals = new Map<string, JournalState>();
  const tradenos = new Map<string, string>();
  for await (const line of journal.readLines(damage)) {
    if (line.type === 'begin') {
      const key =
        (line.txn === 'refund' || line.txn === 'refundquery') && line.refundno
          ? `R:${line.refundno}`
          : PAYMENT_TXNS.has(line.txn) && line.orderno
            ? `P:${line.orderno}`
            : undefined;
      if (key) keys.set(line.id, key);
      continue;
    }
    const key = keys.get(line.id);
    if (key?.startsWith('R:') && line.tradeno) tradenos.set(key.slice(2), line.tradeno);
    if (key && isFinalState(line.state)) finals.set(key, line.state);
  }
  return { finals, tradenos };
}

/**
 * `imp query --batch <file.csv>`: the payment (or refund) query of every row with
 * bounded concurrency. Each query is journaled, so a re-run skips rows whose
 * state is already final (paid, failed, refunded…) and asks only the others;
 * `--refresh` asks about every row again.
 */
export const runQueryBatch: CommandRun = async (ctx, input) => {
  const opts = input.opts;
  const file = String(opts.batch);
  const clash = [
    input.args[0] && '<orderno>',
    opts.refund && '--refund',
    opts.order && '--order',
    opts.wait && '--wait',
  ];
  const bad = clash.filter(Boolean);
  if (bad.length > 0) throw new UsageError(`--batch takes its orders from the file, not ${bad.join(', ')}`);
  // journaled so a re-run can skip final rows (the pipeline does not wait for fsync on queries);
  // one options object for every row
  const send = { journal: true, journalExtra: { batch: basename(file) } };
  let session: TxnSession | undefined;
  let facts: JournalFacts | undefined;
  const report = await runBatch(ctx.out, file, opts, {
    label: t('查询', 'queries'),
    columns: QUERY_BATCH_COLUMNS,
    resultColumns: RESULT_COLUMNS,
    check: () => undefined,
    async beforeStart() {
      session = await openSession(ctx);
      const damage = new JournalDamage();
      facts = await journalFacts(session.journal, damage);
      damage.warn(ctx.out, session.journal.file, impPrefix(ctx));
      // --refresh asks the platform again about every row, final ones included
      if (opts.refresh) facts.finals.clear();
    },
    key: (row) => row.values.orderno ?? '',
    process: (row) =>
      queryRow(session as TxnSession, facts as JournalFacts, send, row, opts.field as string[]),
  });
  return batchResult(report, false, impPrefix(ctx));
};

async function queryRow(
  session: TxnSession,
  { finals, tradenos }: JournalFacts,
  send: Pick<SendOptions, 'journal' | 'journalExtra'>,
  row: CsvRow,
  extras: string[] | undefined,
): Promise<RowResult> {
  const orderno = row.values.orderno as string;
  const refundno = row.values.refundno || undefined;
  const base = { line: row.line, orderno, refundno, transno: row.values.transno || undefined };
  const done = finals.get(refundno ? `R:${refundno}` : `P:${orderno}`);
  if (done) return { ...base, outcome: 'skipped', state: done };
  try {
    const fields: Record<string, string> = refundno
      ? {
          refundno,
          orderno,
          prv_transno: base.transno ?? (await paymentTransno(session, orderno, { extras })),
          // the refund's IMP serial when its answer was journaled (2.6.4.3)
          ...(tradenos.has(refundno) ? { tradeno: tradenos.get(refundno) as string } : {}),
        }
      : { orderno, ...(base.transno ? { transno: base.transno } : {}) };
    const p = await prepareTxn(session, refundno ? 'refundquery' : 'query', { fields, extras });
    const o = await sendPrepared(session, p, send);
    const r = o.response;
    return {
      ...base,
      transno: base.transno ?? (r.transno || r.prv_transno || undefined),
      outcome: rowOutcomeOf(o.state),
      state: o.state,
      status: o.status?.value,
      // a refund row's amount is the refund's (amt_refund, 元); amt_trans is then the order's (2.6.4.4)
      amount_fen:
        (refundno ? parseDecimalYuan(r.amt_refund ?? '') : parseFen(r.amt_trans ?? '')) ?? undefined,
      ...(refundno ? { order_amount_fen: parseFen(r.amt_trans ?? '') ?? undefined } : {}),
      respcode: o.respcode,
      respmsg: o.respmsg,
    };
  } catch (err) {
    const unknown = err instanceof ImpError && (err.exitCode === 3 || err.exitCode === 4);
    return { ...base, outcome: unknown ? 'unknown' : 'refused', error: errorIn(session.out.lang, err) };
  }
}

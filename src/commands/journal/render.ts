import { formatYuan } from '../../core/money.js';
import { cstClock } from '../../core/time.js';
import type { JournalEntry, JournalState } from '../../journal/index.js';
import { type Text, t } from '../../output/i18n.js';
import { STATE_WORDS } from '../../output/messages/txn.js';
import type { Output } from '../../output/output.js';
import { type Tone, toned } from '../../output/style.js';
import { type Cell, renderTable, type Styled, styled } from '../../output/table.js';

export const STATE_TONES: Record<JournalState, Tone> = {
  success: 'ok',
  failure: 'failed',
  pending: 'pending',
  unknown: 'pending',
  not_sent: 'failed',
};

/** A state as a coloured word. */
export function stateWord(out: Output, state: JournalState): Styled {
  return styled(toned(out, STATE_TONES[state], out.t(STATE_WORDS[state])));
}

/** The `--json` shape of one entry: identifiers, amount, state, outcome; never secrets (none are stored). */
export function entryJson(e: JournalEntry) {
  return {
    id: e.id,
    txn: e.txn,
    at: e.at,
    orderno: e.orderno,
    refundno: e.refundno,
    serialno: e.serialno,
    transno: e.transno,
    amount_fen: e.amount,
    state: e.state,
    finished: e.finished,
    respcode: e.outcome?.respcode,
    respmsg: e.outcome?.respmsg,
    status: e.outcome?.status,
    error: e.outcome?.error,
    updatedAt: e.updatedAt,
  };
}

/** What every journal table row starts with. */
interface JournalRowLead {
  at: string;
  txn: string;
  orderno?: string;
  refundno?: string;
}

/** A journal table: time (CST), transaction, order, refund, then `columns` (label, cell), one row per item. */
export function renderJournalTable<T extends JournalRowLead>(
  out: Output,
  items: readonly T[],
  columns: readonly (readonly [Text, (item: T) => Cell])[],
): string {
  const head = [
    t('时间（北京）', 'time (CST)'),
    t('交易', 'txn'),
    t('订单号', 'orderno'),
    t('退货单号', 'refundno'),
    ...columns.map(([label]) => label),
  ];
  const rows = items.map((e) => [
    cstClock(e.at),
    e.txn,
    e.orderno ?? '',
    e.refundno ?? '',
    ...columns.map(([, cell]) => cell(e)),
  ]);
  return renderTable(out, head, rows);
}

/** One row per entry: time (CST), transaction, order, refund, amount, state, platform message. */
export function renderEntries(out: Output, entries: readonly JournalEntry[], imp = 'imp'): string {
  return renderJournalTable(out, entries, [
    [t('金额（元）', 'amount (元)'), (e) => (e.amount === undefined ? '' : formatYuan(e.amount))],
    [t('状态', 'state'), (e) => stateWord(out, e.state)],
    [t('说明', 'message'), (e) => message(out, e, imp)],
  ]);
}

function message(out: Output, e: JournalEntry, imp: string): string {
  if (!e.finished)
    return out.t(
      t(
        `进程在应答前结束（用 ${imp} journal resolve 查明）`,
        `no answer recorded (run ${imp} journal resolve)`,
      ),
    );
  const o = e.outcome;
  if (!o) return '';
  const code = o.respcode ? `${o.respcode} ` : '';
  return `${code}${o.respmsg ?? o.error ?? ''}`.trim();
}

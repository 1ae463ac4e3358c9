import { formatYuan } from '../../core/money.js';
import type { JournalEntry, JournalState } from '../../journal/index.js';
import { type Text, t } from '../../output/i18n.js';
import type { Output } from '../../output/output.js';
import { type Tone, toned } from '../../output/style.js';
import { renderTable } from '../../output/table.js';

/** Journal states as words, in both languages. */
export const STATE_LABELS: Record<JournalState, Text> = {
  success: t('成功', 'success'),
  failure: t('失败', 'failed'),
  pending: t('处理中', 'pending'),
  unknown: t('结果未知', 'unknown'),
};

export const STATE_TONES: Record<JournalState, Tone> = {
  success: 'ok',
  failure: 'failed',
  pending: 'pending',
  unknown: 'pending',
};

/** A state as a coloured word. */
export function stateWord(out: Output, state: JournalState): string {
  return toned(out, STATE_TONES[state], out.t(STATE_LABELS[state]));
}

/** Local wall-clock in Asia/Shanghai, the bank's time: `2026-11-25 17:30:20`. */
export function cstTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(ms + 8 * 3600 * 1000).toISOString().slice(0, 19).replace('T', ' ');
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

/** One row per entry: time (CST), transaction, order, refund, amount, state, platform message. */
export function renderEntries(out: Output, entries: readonly JournalEntry[]): string {
  const head = [
    out.t(t('时间（北京）', 'time (CST)')),
    out.t(t('交易', 'txn')),
    out.t(t('订单号', 'orderno')),
    out.t(t('退货单号', 'refundno')),
    out.t(t('金额（元）', 'amount (元)')),
    out.t(t('状态', 'state')),
    out.t(t('说明', 'message')),
  ];
  const rows = entries.map((e) => [
    cstTime(e.at),
    e.txn,
    e.orderno ?? '',
    e.refundno ?? '',
    e.amount === undefined ? '' : formatYuan(e.amount),
    stateWord(out, e.state),
    message(out, e),
  ]);
  return renderTable(out, head, rows);
}

function message(out: Output, e: JournalEntry): string {
  if (!e.finished)
    return out.t(
      t('进程在应答前结束（用 imp journal resolve 查明）', 'no answer recorded (run imp journal resolve)'),
    );
  const o = e.outcome;
  if (!o) return '';
  const code = o.respcode ? `${o.respcode} ` : '';
  return `${code}${o.respmsg ?? o.error ?? ''}`.trim();
}

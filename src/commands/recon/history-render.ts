import { formatYuan } from '../../core/money.js';
import { cstParts } from '../../core/time.js';
import { t } from '../../output/i18n.js';
import { RECON_CLASS_LABELS } from '../../output/messages/recon.js';
import type { Output } from '../../output/output.js';
import { toned } from '../../output/style.js';
import { renderTable, styled } from '../../output/table.js';
import type { ReconClass } from '../../recon/classes.js';
import type { HistoryDay, StoredDifference } from '../../recon/history-store.js';

/** An ISO time as Asia/Shanghai `yyyy-MM-dd HH:mm:ss`, as the rest of imp shows times. */
export function cstTime(iso: string): string {
  const p = cstParts(new Date(iso));
  const d = p.date;
  const h = p.time;
  return `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)} ${h.slice(0, 2)}:${h.slice(2, 4)}:${h.slice(4, 6)}`;
}

export function renderHistory(out: Output, days: HistoryDay[]): string {
  const state = (d: HistoryDay) => {
    if (d.clean) return styled(toned(out, 'ok', out.t(t('一致', 'clean'))));
    const text = out.t(
      t(`${d.differences} 处差异，${d.open} 未处理`, `${d.differences} differences, ${d.open} open`),
    );
    return styled(toned(out, d.open > 0 ? 'failed' : 'pending', text));
  };
  return renderTable(
    out,
    [
      t('对账日', 'day'),
      t('状态', 'state'),
      t('跨日', 'pending'),
      t('文件', 'file'),
      t('检查时间', 'checked'),
      t('检查人', 'by'),
      t('次数', 'runs'),
    ],
    days.map((d) => [
      d.intraday ? `${d.day} (${out.t(t('日间', 'intraday'))})` : d.day,
      state(d),
      String(d.pending),
      d.file,
      cstTime(d.checkedAt),
      d.checkedBy,
      String(d.runs),
    ]),
  );
}

export function renderDifferences(out: Output, list: StoredDifference[]): string {
  return renderTable(
    out,
    [
      t('编号', 'id'),
      t('对账日', 'day'),
      t('类别', 'class'),
      t('订单号', 'orderno'),
      t('退款单号', 'refundno'),
      t('银行金额', 'bank'),
      t('台账金额', 'ledger'),
      t('处理', 'settled'),
    ],
    list.map((d) => [
      String(d.id),
      d.day,
      out.t(RECON_CLASS_LABELS[d.class as ReconClass] ?? t(d.class, d.class)),
      d.orderno,
      d.refundno,
      d.detail.bank ? formatYuan(Math.abs(d.detail.bank.amount)) : '',
      d.detail.ledger ? formatYuan(d.detail.ledger.amount) : '',
      d.settlement ? `${cstTime(d.settlement.at)} ${settledBy(d)}: ${d.settlement.note}` : '',
    ]),
  );
}

export function settledBy(d: StoredDifference): string {
  const s = d.settlement!;
  return `${s.osUser ?? '?'}@${s.host ?? '?'} (${s.by})`;
}

/** The `--json` shape of a stored difference. */
export function differenceJson(d: StoredDifference) {
  return {
    id: d.id,
    day: d.day,
    class: d.class,
    type: d.type,
    orderno: d.orderno,
    refundno: d.refundno,
    bank: d.detail.bank ?? null,
    ledger: d.detail.ledger ?? null,
    note: d.detail.note ?? null,
    settlement: d.settlement ?? null,
  };
}

import { formatYuan } from '../core/money.js';
import { shown } from '../output/escape.js';
import { type Text, t } from '../output/i18n.js';
import type { Output } from '../output/output.js';
import { tick, toned } from '../output/style.js';
import { renderTable } from '../output/table.js';
import type { SummaryBasis } from './bank-columns.js';
import { RECON_CLASS_SHORT, RECON_CLASSES } from './classes.js';
import type { ReconDifference, ReconResult, SelfCheck } from './types.js';

const STATUS_LABELS = {
  success: t('成功', 'success'),
  failed: t('失败', 'failed'),
  pending: t('处理中', 'pending'),
} as const;

/** At most this many differences on screen; `--report` holds every one. */
const SHOWN = 50;

/** Draw a check result for a person: verdict, self-check, totals, per-class table, differences. */
export function renderRecon(out: Output, result: ReconResult, reportPath?: string): void {
  const { summary: s } = result;
  out.print(`${shown(s.file)}${s.date ? `  (${shown(s.date)})` : ''}  ${s.encoding}`);
  if (s.informational) {
    out.print(
      toned(
        out,
        'pending',
        out.t(
          t(
            '日中对账文件：仅供参考，资金清算以日终对账文件为准',
            'intraday file: informational only, settlement uses the end-of-day file',
          ),
        ),
      ),
    );
  }
  const sc = s.selfCheck;
  const check = (ok: boolean, label: string, stated: string, found: string) =>
    `${tick(out, ok)} ${label}: ${stated}${ok ? '' : ` ≠ ${found}`}`;
  out.print(
    [
      check(
        sc.count.ok,
        out.t(t('汇总笔数', 'summary count')),
        String(sc.count.stated),
        String(sc.count.found),
      ),
      totalCheck(out, sc.total),
      check(
        sc.settled.ok,
        out.t(t('清算总金额', 'settled')),
        formatYuan(sc.settled.stated),
        formatYuan(sc.settled.found),
      ),
    ].join('   '),
  );

  const b = s.bank.totals;
  const l = s.ledger;
  out.print(
    renderTable(
      out,
      ['', t('银行对账文件', 'bank file'), t('商户台账', 'ledger')],
      [
        [t('行数', 'lines'), b.details, l.rows],
        [t('支付笔数', 'payments'), b.pays.count, l.success.pays.count],
        [t('支付金额', 'paid'), formatYuan(b.pays.amount), formatYuan(l.success.pays.amount)],
        [t('退款笔数', 'refunds'), b.refunds.count, l.success.refunds.count],
        [t('退款金额', 'refunded'), formatYuan(-b.refunds.amount), formatYuan(l.success.refunds.amount)],
        [t('清算金额', 'settled'), formatYuan(b.settled), ''],
        [t('服务费', 'fees'), formatYuan(b.fee), ''],
        [t('无法读取的行', 'unreadable lines'), b.malformed, l.malformed],
      ],
    ),
  );

  const rows = RECON_CLASSES.filter((c) => c === 'matched' || s.classes[c].count > 0).map((c) => [
    RECON_CLASS_SHORT[c],
    s.classes[c].count,
    formatYuan(s.classes[c].bankAmount),
    formatYuan(s.classes[c].ledgerAmount),
  ]);
  out.print(
    renderTable(
      out,
      [t('类别', 'class'), t('笔数', 'count'), t('银行金额', 'bank amount'), t('台账金额', 'ledger amount')],
      rows,
    ),
  );

  const listed = [...result.differences, ...result.pending];
  if (listed.length > 0) {
    out.print(renderDifferences(out, listed.slice(0, SHOWN)));
    if (listed.length > SHOWN) {
      const more = listed.length - SHOWN;
      out.print(out.t(t(`…另有 ${more} 条，见 --report`, `… ${more} more, see --report`)));
    }
  }
  for (const p of result.problems.slice(0, 20))
    out.print(`${tick(out, false)} ${shown(p.file)}:${p.line}: ${shown(p.reason)}`);
  if (result.problems.length > 20) out.print(`… ${result.problems.length - 20} more unreadable lines`);
  if (reportPath) out.print(out.t(t(`差异明细已写入 ${reportPath}`, `differences written to ${reportPath}`)));

  const verdict = s.clean
    ? toned(out, 'ok', out.t(t('对账一致', 'clean: no differences')))
    : toned(
        out,
        'failed',
        out.t(
          t(
            `发现差异：${s.differences} 条差异，${s.problems} 行无法读取${sc.ok ? '' : '，汇总行与明细不符'}`,
            `differences found: ${s.differences} differences, ${s.problems} unreadable lines${sc.ok ? '' : ', summary line does not match the details'}`,
          ),
        ),
      );
  const pendingNote =
    s.pending > 0 ? out.t(t(`（${s.pending} 笔跨日待定）`, ` (${s.pending} pending across days)`)) : '';
  out.print(`${verdict}${pendingNote}`);
}

function renderDifferences(out: Output, list: ReconDifference[]): string {
  return renderTable(
    out,
    [
      t('类别', 'class'),
      t('商户订单号', 'orderno'),
      t('退款单号', 'refundno'),
      t('银行', 'bank'),
      t('台账', 'ledger'),
      t('说明', 'note'),
    ],
    list.map((d) => [
      RECON_CLASS_SHORT[d.class],
      d.orderno,
      d.refundno,
      d.bank ? `${formatYuan(d.bank.amount)} (${out.t(t('行', 'line'))} ${d.bank.line})` : '-',
      d.ledger
        ? `${formatYuan(d.ledger.amount)} ${out.t(STATUS_LABELS[d.ledger.status])}${d.ledger.line ? ` (#${d.ledger.line})` : ''}`
        : '-',
      d.note ?? '',
    ]),
  );
}

const BASIS: Record<SummaryBasis, Text> = {
  net: t('净额：支付减退款', 'net: payments less refunds'),
  gross: t('总额：退款按正数计', 'gross: refunds counted positive'),
};

/** The total matched net or gross (say which), or neither (show both). */
function totalCheck(out: Output, total: SelfCheck['total']): string {
  const label = out.t(t('交易总金额', 'total'));
  if (total.basis)
    return `${tick(out, true)} ${label}: ${formatYuan(total.stated)} (${out.t(BASIS[total.basis])})`;
  const net = `${out.t(t('净额', 'net'))} ${formatYuan(total.net)}`;
  const gross = `${out.t(t('总额', 'gross'))} ${formatYuan(total.gross)}`;
  return `${tick(out, false)} ${label}: ${formatYuan(total.stated)} ≠ ${net} / ${gross}`;
}

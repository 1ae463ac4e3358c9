import { formatYuan } from '../../core/money.js';
import { shown } from '../../output/escape.js';
import {
  LEDGER_STATUS_LABELS,
  RECON_CLASS_SHORT,
  reconText,
  SUMMARY_BASIS_LABELS,
} from '../../output/messages/recon.js';
import type { Output } from '../../output/output.js';
import { tick, toned } from '../../output/style.js';
import { renderTable } from '../../output/table.js';
import { RECON_CLASSES } from '../../recon/classes.js';
import type { ReconDifference, ReconResult, SelfCheck } from '../../recon/types.js';

/** At most this many differences on screen; `--report` holds every one. */
const SHOWN = 50;

const say = (out: Output, ...args: Parameters<typeof reconText>) => out.t(reconText(...args));

/** Draw a check result for a person: verdict, self-check, totals, per-class table, differences. */
export function renderRecon(out: Output, result: ReconResult, reportPath?: string): void {
  const { summary: s } = result;
  out.print(`${shown(s.file)}${s.date ? `  (${shown(s.date)})` : ''}  ${s.encoding}`);
  if (s.informational) out.print(toned(out, 'pending', say(out, 'intraday')));
  out.print(selfCheckLine(out, s.selfCheck));
  out.print(totalsTable(out, result));
  const rows = RECON_CLASSES.filter((c) => c === 'matched' || s.classes[c].count > 0).map((c) => [
    RECON_CLASS_SHORT[c],
    s.classes[c].count,
    formatYuan(s.classes[c].bankAmount),
    formatYuan(s.classes[c].ledgerAmount),
  ]);
  out.print(
    renderTable(
      out,
      [reconText('class'), reconText('count'), reconText('bank-amount'), reconText('ledger-amount')],
      rows,
    ),
  );

  const listed = [...result.differences, ...result.pending];
  if (listed.length > 0) {
    out.print(renderDifferences(out, listed.slice(0, SHOWN)));
    if (listed.length > SHOWN) out.print(say(out, 'more', { more: listed.length - SHOWN }));
  }
  for (const p of result.problems.slice(0, 20))
    out.print(`${tick(out, false)} ${shown(p.file)}:${p.line}: ${shown(p.reason)}`);
  if (result.problems.length > 20)
    out.print(say(out, 'more-unreadable', { more: result.problems.length - 20 }));
  if (reportPath) out.print(say(out, 'report-written', { path: reportPath }));

  const counts = { differences: s.differences, problems: s.problems };
  const verdict = s.clean
    ? toned(out, 'ok', say(out, 'clean'))
    : toned(out, 'failed', say(out, s.selfCheck.ok ? 'differences' : 'differences-summary-off', counts));
  const pendingNote = s.pending > 0 ? say(out, 'pending-note', { pending: s.pending }) : '';
  out.print(`${verdict}${pendingNote}`);
}

/** The summary line's count, total and settled amount against the details. */
function selfCheckLine(out: Output, sc: SelfCheck): string {
  const check = (ok: boolean, label: string, stated: string, found: string) =>
    `${tick(out, ok)} ${label}: ${stated}${ok ? '' : ` ≠ ${found}`}`;
  return [
    check(sc.count.ok, say(out, 'summary-count'), String(sc.count.stated), String(sc.count.found)),
    totalCheck(out, sc.total),
    check(
      sc.settled.ok,
      say(out, 'settled-total'),
      formatYuan(sc.settled.stated),
      formatYuan(sc.settled.found),
    ),
  ].join('   ');
}

function totalsTable(out: Output, result: ReconResult): string {
  const b = result.summary.bank.totals;
  const l = result.summary.ledger;
  return renderTable(
    out,
    ['', reconText('bank-file'), reconText('merchant-ledger')],
    [
      [reconText('lines'), b.details, l.rows],
      [reconText('payments'), b.pays.count, l.success.pays.count],
      [reconText('paid'), formatYuan(b.pays.amount), formatYuan(l.success.pays.amount)],
      [reconText('refunds'), b.refunds.count, l.success.refunds.count],
      [reconText('refunded'), formatYuan(-b.refunds.amount), formatYuan(l.success.refunds.amount)],
      [reconText('settled'), formatYuan(b.settled), ''],
      [reconText('fees'), formatYuan(b.fee), ''],
      [reconText('unreadable-lines'), b.malformed, l.malformed],
    ],
  );
}

function renderDifferences(out: Output, list: ReconDifference[]): string {
  return renderTable(
    out,
    [
      reconText('class'),
      reconText('orderno'),
      reconText('refundno'),
      reconText('bank'),
      reconText('ledger'),
      reconText('note'),
    ],
    list.map((d) => [
      RECON_CLASS_SHORT[d.class],
      d.orderno,
      d.refundno,
      d.bank ? `${formatYuan(d.bank.amount)} (${say(out, 'line')} ${d.bank.line})` : '-',
      d.ledger
        ? `${formatYuan(d.ledger.amount)} ${out.t(LEDGER_STATUS_LABELS[d.ledger.status])}${d.ledger.line ? ` (#${d.ledger.line})` : ''}`
        : '-',
      d.note ?? '',
    ]),
  );
}

/** The total matched net or gross (say which), or neither (show both). */
function totalCheck(out: Output, total: SelfCheck['total']): string {
  const label = say(out, 'trade-total');
  if (total.basis)
    return `${tick(out, true)} ${label}: ${formatYuan(total.stated)} (${out.t(SUMMARY_BASIS_LABELS[total.basis])})`;
  const net = `${say(out, 'net')} ${formatYuan(total.net)}`;
  const gross = `${say(out, 'gross')} ${formatYuan(total.gross)}`;
  return `${tick(out, false)} ${label}: ${formatYuan(total.stated)} ≠ ${net} / ${gross}`;
}

import type { SummaryBasis } from '../../recon/bank-columns.js';
import type { ReconClass } from '../../recon/classes.js';
import type { LedgerStatus } from '../../recon/ledger-index.js';
import { type Text, t } from '../i18n.js';
import { type MessageTable, textOf } from './fill.js';

/** Labels of every reconciliation class, zh and en (the report and `recon differences`). */
export const RECON_CLASS_LABELS: Record<ReconClass, Text> = {
  matched: t('已匹配', 'matched'),
  platform_missing: t('平台漏单（银行有、台账无）', 'platform missing: the bank has it, the ledger does not'),
  bank_missing: t(
    '银行漏单（台账成功、银行无）',
    'bank missing: the ledger has a success the bank file lacks',
  ),
  short: t('短款（台账金额小于银行）', "short: the ledger's amount is below the bank's"),
  long: t('长款（台账金额大于银行）', "long: the ledger's amount is above the bank's"),
  status_mismatch: t(
    '状态不符（银行成功、台账未成功）',
    'status differs: the bank has it, the ledger says failed/pending',
  ),
  unsettled_local: t(
    '本地未决（银行成功、日志中结果未定：先 imp journal resolve）',
    'unsettled locally: the bank settled it, the journal has no final outcome yet (imp journal resolve)',
  ),
  fee_mismatch: t('手续费不符', 'fee differs'),
  duplicate: t('重复', 'duplicate'),
  pending_cross_day: t('跨日待定', 'pending, across days'),
};

/** Short labels for table cells and alerts. */
export const RECON_CLASS_SHORT: Record<ReconClass, Text> = {
  matched: t('已匹配', 'matched'),
  platform_missing: t('平台漏单', 'platform missing'),
  bank_missing: t('银行漏单', 'bank missing'),
  short: t('短款', 'short'),
  long: t('长款', 'long'),
  status_mismatch: t('状态不符', 'status differs'),
  unsettled_local: t('本地未决', 'unsettled locally'),
  fee_mismatch: t('手续费不符', 'fee differs'),
  duplicate: t('重复', 'duplicate'),
  pending_cross_day: t('跨日待定', 'pending, across days'),
};

/** A ledger line's status. */
export const LEDGER_STATUS_LABELS: Record<LedgerStatus, Text> = {
  success: t('成功', 'success'),
  failed: t('失败', 'failed'),
  pending: t('处理中', 'pending'),
};

/** Which total the summary line states. */
export const SUMMARY_BASIS_LABELS: Record<SummaryBasis, Text> = {
  net: t('净额：支付减退款', 'net: payments less refunds'),
  gross: t('总额：退款按正数计', 'gross: refunds counted positive'),
};

/** Words of `recon check`'s screen and of its alerts. */
export type ReconCode =
  | 'intraday'
  | 'summary-count'
  | 'settled-total'
  | 'trade-total'
  | 'net'
  | 'gross'
  | 'bank-file'
  | 'merchant-ledger'
  | 'ledger'
  | 'lines'
  | 'payments'
  | 'paid'
  | 'refunds'
  | 'refunded'
  | 'settled'
  | 'fees'
  | 'unreadable-lines'
  | 'class'
  | 'count'
  | 'bank-amount'
  | 'ledger-amount'
  | 'orderno'
  | 'refundno'
  | 'bank'
  | 'note'
  | 'line'
  | 'more'
  | 'more-unreadable'
  | 'report-written'
  | 'clean'
  | 'differences'
  | 'differences-summary-off'
  | 'pending-note'
  | 'yuan'
  | 'alert-unreadable'
  | 'alert-summary-off'
  | 'alert-pending'
  | 'alert-report'
  | 'alert-clean'
  | 'alert-differences'
  | 'alert-not-sent'
  | 'alert-sent'
  | 'checking'
  | 'self-check-only'
  | 'unsettled-hint'
  | 'resolved-first';

export const RECON_MESSAGES: MessageTable<ReconCode> = {
  intraday: t(
    '日中对账文件：仅供参考，资金清算以日终对账文件为准',
    'intraday file: informational only, settlement uses the end-of-day file',
  ),
  'summary-count': t('汇总笔数', 'summary count'),
  'settled-total': t('清算总金额', 'settled'),
  'trade-total': t('交易总金额', 'total'),
  net: t('净额', 'net'),
  gross: t('总额', 'gross'),
  'bank-file': t('银行对账文件', 'bank file'),
  'merchant-ledger': t('商户台账', 'ledger'),
  ledger: t('台账', 'ledger'),
  lines: t('行数', 'lines'),
  payments: t('支付笔数', 'payments'),
  paid: t('支付金额', 'paid'),
  refunds: t('退款笔数', 'refunds'),
  refunded: t('退款金额', 'refunded'),
  settled: t('清算金额', 'settled'),
  fees: t('服务费', 'fees'),
  'unreadable-lines': t('无法读取的行', 'unreadable lines'),
  class: t('类别', 'class'),
  count: t('笔数', 'count'),
  'bank-amount': t('银行金额', 'bank amount'),
  'ledger-amount': t('台账金额', 'ledger amount'),
  orderno: t('商户订单号', 'orderno'),
  refundno: t('退款单号', 'refundno'),
  bank: t('银行', 'bank'),
  note: t('说明', 'note'),
  line: t('行', 'line'),
  more: t('…另有 {more} 条，见 --report', '… {more} more, see --report'),
  'more-unreadable': t('… 另有 {more} 行无法读取', '… {more} more unreadable lines'),
  'report-written': t('差异明细已写入 {path}', 'differences written to {path}'),
  clean: t('对账一致', 'clean: no differences'),
  differences: t(
    '发现差异：{differences} 条差异，{problems} 行无法读取',
    'differences found: {differences} differences, {problems} unreadable lines',
  ),
  'differences-summary-off': t(
    '发现差异：{differences} 条差异，{problems} 行无法读取，汇总行与明细不符',
    'differences found: {differences} differences, {problems} unreadable lines, summary line does not match the details',
  ),
  'pending-note': t('（{pending} 笔跨日待定）', ' ({pending} pending across days)'),
  yuan: t('元', 'yuan'),
  'alert-unreadable': t('无法读取的行：{problems}', 'unreadable lines: {problems}'),
  'alert-summary-off': t('汇总行与明细不符', 'the summary line does not add up'),
  'alert-pending': t('跨日待定：{pending}', 'pending across days: {pending}'),
  'alert-report': t('报告', 'report'),
  'alert-clean': t('imp 对账 {name}：一致', 'imp recon check {name}: clean'),
  'alert-differences': t(
    'imp 对账 {name}：{differences} 处差异（退出码 {exitCode}）',
    'imp recon check {name}: {differences} difference(s) (exit {exitCode})',
  ),
  'alert-not-sent': t('告警未送达 {target}：{why}', 'alert not sent to {target}: {why}'),
  'alert-sent': t('已发送告警到 {target}', 'alert sent to {target}'),
  checking: t('对账中 {file}', 'checking {file}'),
  'self-check-only': t('未给台账：只做文件自检', 'no ledger given: self-check only'),
  'unsettled-hint': t(
    '{n} 笔银行已成功的交易在本地日志中结果未定（本地未决）：先运行\n  {command}\n再对账，或加 --resolve 先查明再对账（{file}）',
    '{n} {entries} the bank settled {are} unsettled locally (no final outcome in the journal): run\n  {command}\nand check again, or add --resolve to settle them first ({file})',
  ),
  'resolved-first': t(
    '已查明日志中 {count} 笔未决请求（仍未知 {still} 笔）',
    'resolved {count} unsettled journal {entries} first ({still} still unknown)',
  ),
};

/** A reconciliation message's words. */
export const reconText = (code: ReconCode, params?: Record<string, string | number>) =>
  textOf(RECON_MESSAGES, { code, params });

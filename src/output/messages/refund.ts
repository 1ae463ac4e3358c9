import { t } from '../i18n.js';
import type { MessageTable } from './fill.js';

/** Refunds (src/refund: the refusals as errors, the lock, the claim rule), zh and en. */
export type RefundCode =
  | 'refund-words'
  | 'refund-find-out'
  | 'refund-payment-not-found'
  | 'refund-not-paid'
  | 'refund-payment-incomplete'
  | 'refund-over'
  | 'refund-void-not-whole'
  | 'refund-void-not-today'
  | 'refund-drop-void'
  | 'refund-duplicate'
  | 'refund-duplicate-again'
  | 'refund-earlier'
  | 'refund-state-success'
  | 'refund-state-failure'
  | 'refund-state-pending'
  | 'refund-state-unknown'
  | 'refund-state-not_sent'
  | 'refund-refundno-failed'
  | 'refund-refundno-used'
  | 'refund-unresolved-same'
  | 'refund-unresolved'
  | 'refund-claimed'
  | 'refund-locked'
  | 'refund-damaged'
  | 'refund-damaged-order'
  | 'refund-damaged-order-refund'
  | 'refund-damaged-line'
  | 'refund-damaged-fragment'
  | 'refund-damaged-complete';

export const REFUND_MESSAGES: MessageTable<RefundCode> = {
  // words already in both languages (a catalogue label, a damage reason)
  'refund-words': t('{zh}', '{en}'),
  'refund-find-out': t('查明结果（不会重发）：{command}', 'find out (never re-sends): {command}'),
  'refund-payment-not-found': t(
    '无法退款：支付查询失败（{respcode} {respmsg}）',
    'cannot refund: the payment query failed ({respcode} {respmsg})',
  ),
  'refund-not-paid': t(
    '无法退款：订单 {orderno} 未支付成功（状态 {status}：{label}）',
    'cannot refund: order {orderno} is not paid (status {status}: {label})',
  ),
  'refund-payment-incomplete': t(
    '支付查询的应答缺少退款所需字段：{missing}',
    'the payment query answer lacks what a refund needs: {missing}',
  ),
  'refund-over': t(
    '退款金额超过可退金额：已付 {paid}，已退/处理中 {already}，本次 {amount}，最多可退 {refundable}',
    'refund exceeds what is left: paid {paid}, already refunded or in progress {already}, this refund {amount}, at most {refundable}',
  ),
  'refund-void-not-whole': t(
    '撤销（--void）只能全额退款且此前没有退款',
    '--void (opertype 1) is for the full paid amount with nothing refunded before',
  ),
  'refund-void-not-today': t(
    '撤销（--void）只限支付当日：支付日 {paidOn}，今天 {today}（北京时间）',
    "--void (opertype 1) only on the payment's day: paid {paidOn}, today is {today} (Asia/Shanghai)",
  ),
  'refund-drop-void': t('去掉 --void 即为退货（opertype 2）', 'drop --void to refund instead (opertype 2)'),
  'refund-duplicate': t(
    '同一订单同样金额已有一笔退款 {earlier}：确需再退一笔请加 --again',
    'a refund of the same order and amount exists: {earlier}; add --again if you really mean another one',
  ),
  'refund-duplicate-again': t(
    '重新运行同一命令只会查询这笔退款，不会重发；再退一笔：{command}',
    'running the same command again only looks that refund up; another one: {command}',
  ),
  // the earlier refund, as a confirmation names it: number, time (CST), amount, state
  'refund-earlier': t(
    '{refundno}（{when} 北京时间，{amount}，{state}）',
    '{refundno} ({when} CST, {amount}, {state})',
  ),
  'refund-state-success': t('已成功', 'refunded'),
  'refund-state-failure': t('已失败', 'failed'),
  'refund-state-pending': t('处理中', 'in progress'),
  'refund-state-unknown': t('结果未知', 'outcome unknown'),
  'refund-state-not_sent': t('未发出', 'not sent'),
  'refund-refundno-failed': t(
    '退货单号 {refundno} 的退款已失败：重新退款需要新的退货单号（去掉 --refund-no 自动生成）',
    'refund {refundno} failed: a new refund needs a new refundno (omit --refund-no to derive one)',
  ),
  'refund-refundno-used': t(
    '退货单号 {refundno} 已用于订单 {orderno} 的一笔退款（{state}）',
    'refundno {refundno} is already used by a refund of order {orderno} ({state})',
  ),
  'refund-unresolved-same': t(
    '订单 {orderno} 的这笔退款（{refundno}，{when}）结果仍未知：未发送新的退款',
    'this refund of order {orderno} ({refundno}, {when}) still has an unknown outcome: no new refund sent',
  ),
  'refund-unresolved': t(
    '订单 {orderno} 有一笔结果未知的退款（{refundno}，{yuan} 元），查明之前不能发起新的退款',
    'order {orderno} has a refund whose outcome is unknown ({refundno}, {yuan} yuan); no new refund until it is resolved',
  ),
  'refund-claimed': t(
    '另一个 imp 进程同时发起了订单 {orderno} 的退款（{rival}）：本次未发送，稍后再运行同一命令',
    'another imp process began a refund of order {orderno} at the same time ({rival}): nothing sent; run the same command again',
  ),
  'refund-locked': t(
    '另一个 imp 退款进程正在运行（自 {since}）：请等它结束再试',
    'another imp refund is running (since {since}): try again when it has finished',
  ),
  'refund-damaged': t(
    '日志 {file} 第 {numbers} 行提到{subject}，但无法读取（{why}）：该订单的退款记录读不完整，现在退款可能重复退款，未发送',
    'journal {file}: line{s} {numbers} mention{s1} {subject} but cannot be read ({why}): its refund history cannot be read completely and a refund now could be a second one; nothing sent',
  ),
  'refund-damaged-order': t('订单 {orderno}', 'order {orderno}'),
  'refund-damaged-order-refund': t(
    '订单 {orderno} 或退货单 {refundno}',
    'order {orderno} or refund {refundno}',
  ),
  'refund-damaged-line': t('  第 {line} 行: {excerpt}', '  line {line}: {excerpt}'),
  'refund-damaged-fragment': t(
    '请查看这些行：若是被中断的 imp 进程留下的残行，它开始的请求从未发出（begin 行在发送前已写入磁盘），记录已查看后重试：{command}',
    'look at the line: if it is a fragment left by a killed imp process, the request it began was never sent (begin lines are fsynced before sending); record that, then run again: {command}',
  ),
  'refund-damaged-complete': t(
    '若是一行完整记录后来损坏，先查明那笔退款（{query}），再 dismiss 该行；--again 不能跳过此检查',
    'if it was a complete line damaged later (a checksum mismatch), find that refund out first ({query}), then dismiss the line; --again does not override this check',
  ),
};

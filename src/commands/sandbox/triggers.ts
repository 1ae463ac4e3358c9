import type { CommandRun } from '../../cli/kit/command.js';
import { t } from '../../output/i18n.js';
import type { Output } from '../../output/output.js';
import { AUTH_CODE_RULES, PAYMENT_TRIGGERS, REFUND_TRIGGERS, type Trigger } from '../../sandbox/triggers.js';

/** `imp sandbox triggers`: the sandbox's test trigger table, in the reader's language. */
export const run: CommandRun = async () => ({
  json: { payments: PAYMENT_TRIGGERS, refunds: REFUND_TRIGGERS },
  render: (out) => {
    for (const line of triggerTableLines(out)) out.print(line);
  },
});

const WORDS = {
  head: t('金额末两位（分） / 示例（元） / 结果', 'amount ends in (fen) / e.g. (yuan) / outcome'),
  payments: t('支付（pay/qrcode/scan/wechat）:', 'payments (pay/qrcode/scan/wechat):'),
  refunds: t('退款（refund_amt）:', 'refunds (refund_amt):'),
  scan: t('被扫 auth_code:', 'scan auth_code:'),
};

/** The trigger table as text lines. */
function triggerTableLines(out: Output): string[] {
  const rows = (title: string, list: readonly Trigger[]) => [
    title,
    ...list.map((tr) => `  ${tr.suffix.padEnd(4)} ${tr.example.padEnd(6)} ${out.t(tr.label)}`),
  ];
  return [
    out.t(WORDS.head),
    ...rows(out.t(WORDS.payments), PAYMENT_TRIGGERS),
    ...rows(out.t(WORDS.refunds), REFUND_TRIGGERS),
    out.t(WORDS.scan),
    ...AUTH_CODE_RULES.map((r) => `  ${r.example.padEnd(20)} ${out.t(r.label)}`),
  ];
}

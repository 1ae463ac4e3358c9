import { describeFen } from '../core/money.js';
import { cstClock } from '../core/time.js';
import { t } from '../output/i18n.js';
import type { BookEntry } from './book.js';

/** The earlier refund, as a confirmation names it: number, time (CST), amount, state. */
export function earlierText(d: BookEntry): { zh: string; en: string } {
  const when = cstClock(d.at);
  return t(
    `${d.refundno}（${when} 北京时间，${describeFen(d.amount ?? 0, 'zh')}，${STATE_WORDS[d.state].zh}）`,
    `${d.refundno} (${when} CST, ${describeFen(d.amount ?? 0)}, ${STATE_WORDS[d.state].en})`,
  );
}

const STATE_WORDS = {
  success: t('已成功', 'refunded'),
  failure: t('已失败', 'failed'),
  pending: t('处理中', 'in progress'),
  unknown: t('结果未知', 'outcome unknown'),
  not_sent: t('未发出', 'not sent'),
} as const;

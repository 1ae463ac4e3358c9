import type { Fen } from '../../core/money.js';
import { formatYuan } from '../../core/money.js';
import { type Lang, t } from '../i18n.js';
import { fill, type MessageTable } from './fill.js';

/** Amounts in words (src/core/money.ts gives the numbers), zh and en. */
export type MoneyCode = 'money-fen';

export const MONEY_MESSAGES: MessageTable<MoneyCode> = {
  'money-fen': t('{yuan} 元（{fen} 分）', '{yuan} yuan ({fen} fen)'),
};

/** `1.80 元（180 分）` / `1.80 yuan (180 fen)`: what an operator confirms before money moves. */
export function describeFen(fen: Fen, lang: Lang = 'en'): string {
  return fill(MONEY_MESSAGES['money-fen'], { yuan: formatYuan(fen), fen })[lang];
}

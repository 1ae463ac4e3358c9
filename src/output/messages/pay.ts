import type { Message } from '../../core/message.js';
import { t } from '../i18n.js';
import { type MessageTable, textOf } from './fill.js';

/** `imp pay --form`'s lines (src/commands/pay/form.ts). */
export type PayCode = 'form-written' | 'form-order' | 'form-next';

export const PAY_MESSAGES: MessageTable<PayCode> = {
  'form-written': t('已写入支付表单：{path}', 'payment form written: {path}'),
  'form-order': t('商户订单号：{orderno}', 'order no: {orderno}'),
  'form-next': t(
    '在浏览器中打开它将提交到 {url}；之后用 {query} 查询结果',
    'opening it in a browser posts to {url}; then {query} tells the result',
  ),
};

export const payText = (m: Message<PayCode>) => textOf(PAY_MESSAGES, m);

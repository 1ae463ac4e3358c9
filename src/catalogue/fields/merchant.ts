import { t } from '../../output/i18n.js';
import { field } from '../field.js';

// Who sends: the merchant, its sub-merchant and terminal. Every request names them.

export const busino = field('busino', 'char(30)', true, t('商户号', 'merchant number'));

/** 子商户号: only platform (agent) merchants send it. */
export const subbusino = field('subbusino', 'Char(30)', 'conditional', t('子商户号', 'sub-merchant number'), {
  note: t('平台商接入必须送', 'required when connecting as a platform (agent) merchant'),
  description: '子商户号，平台商接入必须送',
});

/** 终端号 of the payment requests. */
export const term_no = field('term_no', 'Char(8)', false, t('终端号', 'terminal number'), {
  description: '终端号\n可用于绑定门店',
});

import { statusOf } from '../catalogue/index.js';
import type { TxnDef } from '../catalogue/types.js';
import type { Fields } from '../protocol/signer.js';
import type { TxnState, TxnStatus } from './types.js';

/** The business state of a verified answer. */
export interface Classified {
  state: TxnState;
  status?: TxnStatus;
}

/**
 * Classify a verified answer: respcode ≠ 00000 is a failure (unless the table lets respcode
 * be absent and the status field is there: see byStatusAlone); otherwise the
 * transaction's status table decides (payment applications in state 0/1 are
 * pending: only the payment query says paid). A status value the spec does not
 * list, or a missing one, is pending: ask again rather than guess.
 */
export function classifyAnswer(txn: TxnDef, answer: Fields): Classified {
  const table = txn.status;
  if (answer.respcode !== '00000' && !byStatusAlone(txn, answer)) return { state: 'failure' };
  if (!table) return { state: 'success' };
  const value = answer[table.field];
  if (value === undefined || value === '') return { state: 'pending' };
  const sv = statusOf(txn, value);
  if (!sv) {
    return {
      state: 'pending',
      status: {
        field: table.field,
        value,
        label: { zh: `未知状态 ${value}`, en: `unlisted status ${value}` },
      },
    };
  }
  return { state: sv.kind, status: { field: table.field, value, label: sv.label } };
}

/**
 * Where the answer table does not require `respcode` (refund answers, 2.6.3.4 and 2.6.4.4), an
 * answer without one but with its status field is classified by that status, not as a failure.
 */
function byStatusAlone(txn: TxnDef, answer: Fields): boolean {
  if (answer.respcode !== undefined && answer.respcode !== '') return false;
  const def = txn.answer.find((f) => f.name === 'respcode');
  const field = txn.status?.field;
  return !!def && def.required !== true && !!field && !!answer[field];
}

import type { TxnName } from '../catalogue/types.js';
import { hintCommand } from '../output/shell.js';
import type { TxnSession } from './session.js';
import type { TxnIds } from './types.js';

/** The command that waits for a payment left pending (pay/qrcode without `--wait`). */
export function waitCommand(session: TxnSession, orderno: string): string {
  return hintCommand(session, 'query', orderno, '--wait');
}

/**
 * The exact command that finds out what happened to a request: the payment
 * query for payments and close, the refund query for refunds.
 */
export function findOutCommand(session: TxnSession, txn: TxnName, ids: TxnIds): string | undefined {
  if ((txn === 'refund' || txn === 'refundquery') && ids.refundno && ids.orderno) {
    return hintCommand(session, 'query', '--refund', ids.refundno, '--order', ids.orderno);
  }
  if (ids.orderno) return hintCommand(session, 'query', ids.orderno);
  return undefined;
}

/** Hint lines for an outcome-unknown error. */
export function unknownHints(session: TxnSession, txn: TxnName, ids: TxnIds): string[] {
  const zh = session.lang === 'zh';
  const cmd = findOutCommand(session, txn, ids);
  const lines: string[] = [];
  if (txn === 'query' || txn === 'refundquery') {
    lines.push(zh ? '查询本身没有结果，可稍后重试：' : 'the query itself got no answer; try again later:');
  } else {
    lines.push(
      zh
        ? '该请求可能已被处理，也可能没有。不要用新单号重发，先查询：'
        : 'the request may or may not have been processed. Do not re-send under a new number; find out with:',
    );
  }
  if (cmd) lines.push(`  ${cmd}`);
  const resolve = hintCommand(session, 'journal', 'resolve');
  lines.push(zh ? `或 ${resolve}（查询所有未决请求）` : `or ${resolve} (queries every unsettled request)`);
  return lines;
}

import type { TxnName } from '../catalogue/types.js';
import { type Message, msg } from '../core/message.js';
import { type HintContext, hintCommand } from '../output/shell.js';
import type { TxnIds } from './types.js';

/** The command that waits for a payment left pending (pay/qrcode without `--wait`). */
export function waitCommand(session: HintContext, orderno: string): string {
  return hintCommand(session, 'query', orderno, '--wait');
}

/**
 * The exact command that finds out what happened to a request: the payment
 * query for payments and close, the refund query for refunds.
 */
export function findOutCommand(session: HintContext, txn: TxnName, ids: TxnIds): string | undefined {
  if ((txn === 'refund' || txn === 'refundquery') && ids.refundno && ids.orderno) {
    return hintCommand(session, 'query', '--refund', ids.refundno, '--order', ids.orderno);
  }
  if (ids.orderno) return hintCommand(session, 'query', ids.orderno);
  return undefined;
}

/** Hint lines for an outcome-unknown error: the command lines as they are, the words as codes. */
export function unknownHints(session: HintContext, txn: TxnName, ids: TxnIds): (string | Message)[] {
  const cmd = findOutCommand(session, txn, ids);
  const lines: (string | Message)[] = [
    msg(txn === 'query' || txn === 'refundquery' ? 'txn-unknown-query' : 'txn-unknown-sent'),
  ];
  if (cmd) lines.push(`  ${cmd}`);
  lines.push(msg('txn-resolve-all', { command: hintCommand(session, 'journal', 'resolve') }));
  return lines;
}

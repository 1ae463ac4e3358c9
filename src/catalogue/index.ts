import type { TxnOverride } from '../config/types.js';
import { UsageError } from '../core/errors.js';
import { CLOSE } from './txn-close.js';
import { PAY } from './txn-pay.js';
import { QRCODE } from './txn-qrcode.js';
import { QUERY } from './txn-query.js';
import { REFUND } from './txn-refund.js';
import { REFUND_QUERY } from './txn-refundquery.js';
import { SCAN } from './txn-scan.js';
import { WECHAT } from './txn-wechat.js';
import type { FieldDef, StatusValue, TxnDef, TxnName } from './types.js';
import { TXN_NAMES } from './types.js';

export * from './enums.js';
export * from './status.js';
export type * from './types.js';
export { FIELD_KINDS, STATUS_KINDS, TXN_NAMES } from './types.js';

/** Every transaction of the spec. */
export const CATALOGUE: Readonly<Record<TxnName, TxnDef>> = {
  pay: PAY,
  qrcode: QRCODE,
  scan: SCAN,
  wechat: WECHAT,
  refund: REFUND,
  refundquery: REFUND_QUERY,
  query: QUERY,
  close: CLOSE,
};

/** Is `s` one of the eight transaction names? */
export function isTxnName(s: string): s is TxnName {
  return (TXN_NAMES as readonly string[]).includes(s);
}

/** `name` as a transaction name, or the one usage error naming the eight (`imp fields <txn>`, `imp sign --txn`). */
export function txnNameOrFail(name: string, flag = ''): TxnName {
  if (isTxnName(name)) return name;
  throw new UsageError(`${flag}unknown transaction '${name}': use one of ${TXN_NAMES.join(', ')}`, {
    code: 'UNKNOWN_TXN',
  });
}

/** A transaction with the profile's overrides (trtype, subcode, path) applied; blanks in the override are ignored. */
export function getTxn(name: TxnName, override?: TxnOverride): TxnDef {
  const base = CATALOGUE[name];
  if (!override) return base;
  const pick = (v: string | undefined, d: string) => (v && v.trim() !== '' ? v.trim() : d);
  return {
    ...base,
    trtype: pick(override.trtype, base.trtype),
    subcode: pick(override.subcode, base.subcode),
    path: pick(override.path, base.path).replace(/^\/+/, ''),
  };
}

/** Where a field is looked up: the request, the synchronous answer or the notification. */
export type FieldSide = 'request' | 'answer' | 'notify';

/** A field of one side of a transaction, or undefined when its table lacks it. */
export function fieldOf(txn: TxnDef, name: string, side: FieldSide = 'request'): FieldDef | undefined {
  return (txn[side] ?? []).find((f) => f.name === name);
}

/** Which side's status table: the answer's (default) or the notification's. */
export function statusTableOf(txn: TxnDef, side: 'answer' | 'notify' = 'answer') {
  return side === 'notify' ? txn.notifyStatus : txn.status;
}

/**
 * The meaning of a status value in a transaction's answer (or notification):
 * e.g. `statusOf(CATALOGUE.query, '0')` → paid (success). Undefined for values the spec lacks.
 */
export function statusOf(
  txn: TxnDef,
  value: string,
  side: 'answer' | 'notify' = 'answer',
): StatusValue | undefined {
  return statusTableOf(txn, side)?.values.find((v) => v.value === value);
}

/** The transaction a path belongs to (the sandbox routes by it); tolerant of a leading `/`. */
export function txnByPath(path: string): TxnDef | undefined {
  const p = path.replace(/^\/+/, '');
  return Object.values(CATALOGUE).find((t) => p === t.path || p.endsWith(`/${t.path}`));
}

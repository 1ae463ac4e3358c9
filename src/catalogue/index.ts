import type { TxnOverride } from '../config/types.js';
import type { TxnDef, TxnName } from './types.js';

// CONTRACT STUB: the catalogue owner fills this from the spec, keeping these signatures.

/** Every transaction of the spec. */
export const CATALOGUE: Readonly<Record<TxnName, TxnDef>> = {} as Readonly<Record<TxnName, TxnDef>>;

/** A transaction with the profile's overrides (trtype, subcode, path) applied. */
export function getTxn(name: TxnName, _override?: TxnOverride): TxnDef {
  return CATALOGUE[name];
}

import type { TxnDef } from '../catalogue/types.js';
import { cstParts } from '../core/time.js';
import { generateSerialNo } from './ids.js';

/** What the profile contributes to every request. */
export interface RequestHeaderInput {
  busino: string;
  subbusino?: string;
  /** Filled into `notify_url` when the table has it and the caller did not give one. */
  notifyUrl?: string;
  /** Filled into `return_url` likewise. */
  returnUrl?: string;
}

/**
 * The fields of a request before signing: the common header (version, encode,
 * trtype, subcode, trdate/trtime in Asia/Shanghai, a fresh serialno), busino,
 * subbusino when the table has it and it is set, the fixed currency 156 when the
 * table has it, then the caller's fields, which always win (extra fields the table
 * lacks pass through). Table order first, extras after; `sign` is the signer's job.
 */
export function buildRequest(
  txn: TxnDef,
  header: RequestHeaderInput,
  fields: Readonly<Record<string, string>>,
  now: Date = new Date(),
): Record<string, string> {
  const { date, time } = cstParts(now);
  const auto: Record<string, string | undefined> = {
    trtype: txn.trtype,
    subcode: txn.subcode,
    trdate: date,
    trtime: time,
    serialno: generateSerialNo(now),
    busino: header.busino,
    subbusino: header.subbusino || undefined,
    notify_url: header.notifyUrl || undefined,
    return_url: header.returnUrl || undefined,
  };
  const out: Record<string, string> = {};
  for (const def of txn.request) {
    if (def.signature) continue;
    const given = fields[def.name];
    const value = given ?? auto[def.name] ?? (def.header || def.name === 'currency' ? def.fixed : undefined);
    if (value !== undefined) out[def.name] = value;
  }
  for (const [k, v] of Object.entries(fields)) if (!(k in out) && v !== undefined) out[k] = v;
  return out;
}

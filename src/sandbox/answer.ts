import type { TxnDef } from '../catalogue/types.js';
import { encodeRaw } from '../protocol/codec.js';
import { type Fields, signResponseAsync } from '../protocol/signer.js';
import type { SandboxCore } from './core.js';
import { RESPCODES, type RespKey, respmsg } from './respcodes.js';

/** What a transaction handler decided: the answer's content and how it travels. */
export interface Reply {
  /** `answer` normally; the trigger effects otherwise. */
  effect: 'answer' | 'drop' | 'delay' | 'http-500' | 'bad-sign';
  resp: RespKey;
  detail?: string;
  /** Answer fields besides the header (filled from state). */
  values: Fields;
}

export const ok = (values: Fields, effect: Reply['effect'] = 'answer'): Reply => ({
  effect,
  resp: 'ok',
  values,
});
export const fail = (resp: RespKey, detail?: string, values: Fields = {}): Reply => ({
  effect: 'answer',
  resp,
  detail,
  values,
});

const HEADER_NAMES = new Set([
  'version',
  'encode',
  'certid',
  'trdate',
  'trtime',
  'trtype',
  'subcode',
  'serialno',
  'dev',
  'respcode',
  'respmsg',
]);

/** A request value echoed in the raw k=v answer, without what would split it. */
const echo = (v: string | undefined) => (v ?? '').replace(/[&=\r\n]/g, '');

/**
 * The answer's fields as the catalogue's answer table lists them, signed under the response rules (sorted).
 * A successful answer carries every field of the table (empty when unknown, as the
 * platform does); an error answer the header and the identifiers it knows.
 */
export async function signedAnswerFields(
  core: SandboxCore,
  txn: TxnDef,
  req: Fields,
  reply: Reply,
): Promise<Fields> {
  const { date, time } = core.cst();
  const success = reply.resp === 'ok';
  const header: Fields = {
    version: '1.0.0',
    encode: 'UTF-8',
    trdate: date,
    trtime: time,
    // the answer tables' trtype (query and close answer GP00011), not an echo of the request's
    trtype: txn.answerTrtype ?? txn.trtype,
    subcode: txn.answerSubcode ?? (echo(req.subcode) || txn.subcode),
    serialno: echo(req.serialno),
    dev: echo(req.dev),
    respcode: RESPCODES[reply.resp].code,
    respmsg: success ? '交易成功' : respmsg(reply.resp, reply.detail),
  };
  const out: Fields = {};
  for (const def of txn.answer) {
    if (def.signature || def.name === 'certid') continue;
    if (HEADER_NAMES.has(def.name)) {
      if (def.name === 'dev' && !header.dev) continue;
      out[def.name] = header[def.name] ?? '';
    } else if (success) out[def.name] = reply.values[def.name] ?? '';
    else if (reply.values[def.name]) out[def.name] = echo(reply.values[def.name]);
  }
  // certid only where the answer table has it (not the WeChat sync answer, 2.6.8.4)
  const certid = txn.answer.some((f) => f.name === 'certid') ? core.identity.certid : undefined;
  const signed = await signResponseAsync(
    out,
    core.identity.apikey,
    core.identity.platformPrivate,
    certid,
    core.options.dialect,
  );
  return signed.fields;
}

/** The wire text of an answer: raw `k=v&…`, the signature broken when asked. */
export function answerBody(fields: Fields, breakSign: boolean): string {
  if (!breakSign) return encodeRaw(fields);
  const sign = fields.sign ?? '';
  // Still valid Base64 of the right length, so only verification can tell.
  const broken = (sign[0] === 'A' ? 'B' : 'A') + sign.slice(1);
  return encodeRaw({ ...fields, sign: broken });
}

import {
  DEFAULT_DIALECT,
  DIALECT_CHOICES,
  DIALECT_KEYS,
  type Dialect,
  isChoice,
} from '../protocol/dialect.js';
import type { ConfigReader } from './reader.js';
import { SIGNATURE_KEYS } from './schema.js';
import type { ResolvedProfile, SignatureSettings } from './types.js';

/** `profiles.<name>.signature`: the dialect (every setting defaults to today's reading) and `sendCertid`. */
export function resolveSignature(r: ConfigReader, v: unknown, at: string): SignatureSettings {
  const o = r.object(v, at, SIGNATURE_KEYS) ?? {};
  const out: SignatureSettings = { ...DEFAULT_DIALECT, sendCertid: false };
  for (const k of DIALECT_KEYS) {
    const raw = o[k];
    if (raw === undefined || raw === null) continue;
    const value = typeof raw === 'string' ? r.string(raw, `${at}.${k}`) : raw;
    if (isChoice(k, value)) Object.assign(out, { [k]: value });
    else r.add(`${at}.${k}`, `expected one of ${DIALECT_CHOICES[k].join(', ')}, got ${JSON.stringify(raw)}`);
  }
  const send = o.sendCertid;
  if (send !== undefined && send !== null) {
    if (typeof send === 'boolean') out.sendCertid = send;
    else r.add(`${at}.sendCertid`, `expected true or false, got ${JSON.stringify(send)}`);
  }
  const certid = r.string(o.certid, `${at}.certid`);
  if (certid !== undefined) out.certid = certid;
  return out;
}

/** The profile's signature dialect (the default when the profile has no `signature` block). */
export function profileDialect(p: Pick<ResolvedProfile, 'signature'>): Dialect {
  const s = p.signature;
  if (!s) return DEFAULT_DIALECT;
  return {
    signType: s.signType,
    answerApikey: s.answerApikey,
    digest: s.digest,
    emptyFields: s.emptyFields,
    answerEmptyFields: s.answerEmptyFields,
  };
}

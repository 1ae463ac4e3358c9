import { maskDbUrl } from '../core/db-url.js';
import { mask, maskPassword } from '../core/mask.js';
import type { Inspection } from './inspect.js';
import type { ResolvedProfile } from './types.js';

/** One row of `config show`: the JSON path under the profile, the value as shown, and its reference. */
export interface ShownValue {
  key: string;
  value: string | number;
  /** `env:NAME` / `file:path` the value was read from. */
  ref?: string;
  secret?: boolean;
}

/** The profile with every secret masked (apikey, passwords), for display and `--json`. */
export function maskedProfile(p: Partial<ResolvedProfile>): Record<string, unknown> {
  const copy = structuredClone(p) as Record<string, unknown> & Partial<ResolvedProfile>;
  if (copy.apikey) copy.apikey = mask(copy.apikey);
  if (copy.journalUrl) copy.journalUrl = maskDbUrl(copy.journalUrl);
  if (copy.recon?.store) copy.recon.store = maskDbUrl(copy.recon.store);
  for (const k of [copy.merchantKey, copy.encryptionKey])
    if (k?.password) k.password = maskPassword(k.password);
  const s = copy.sftp;
  if (s) {
    if (s.password) s.password = maskPassword(s.password);
    if (s.privateKeyPassphrase) s.privateKeyPassphrase = maskPassword(s.privateKeyPassphrase);
    if (s.zipPassword) s.zipPassword = maskPassword(s.zipPassword);
  }
  return copy;
}

const SECRET = /(^|\.)(apikey|password|privateKeyPassphrase|zipPassword)$/;

/** Flatten the masked profile into rows (`sftp.host`, `platformKeys[0].certid`…), with the reference of each value. */
export function shownValues(found: Inspection): ShownValue[] {
  const rows: ShownValue[] = [];
  const prefix = `profiles.${found.profile.name}.`;
  const walk = (v: unknown, key: string) => {
    if (v === undefined || v === null) return;
    if (Array.isArray(v)) {
      v.forEach((item, i) => {
        walk(item, `${key}[${i}]`);
      });
      return;
    }
    if (typeof v === 'object') {
      for (const [k, val] of Object.entries(v)) walk(val, key ? `${key}.${k}` : k);
      return;
    }
    // a key given as a bare path string is recorded under the key's own name
    const ref = found.refs[prefix + key] ?? found.refs[prefix + key.replace(/\.path$/, '')];
    rows.push({
      key,
      value: typeof v === 'number' ? v : String(v),
      ...(ref ? { ref } : {}),
      ...(SECRET.test(key) ? { secret: true } : {}),
    });
  };
  walk(profileValues(found), '');
  return rows;
}

/** The masked profile without the bookkeeping fields (name, config path). */
export function profileValues(found: Inspection): Record<string, unknown> {
  const { name: _n, configPath: _c, configDir: _d, ...rest } = maskedProfile(found.profile);
  return rest;
}

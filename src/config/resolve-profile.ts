import { dirname } from 'node:path';
import { TXN_NAMES, type TxnName } from '../catalogue/types.js';
import { dbDialect, maskDbUrl } from '../core/db-url.js';
import { REMOTE_PROTOCOLS, type RemoteProtocol } from '../recon/fetch/remote.js';
import { DEFAULT_RECON_LIMITS, RECON_LIMIT_KEYS, type ReconLimits } from '../recon/limits.js';
import type { ConfigReader } from './reader.js';
import {
  DEFAULTS,
  HTTP_KEYS,
  JOURNAL_KEYS,
  KEY_REF_KEYS,
  OVERRIDE_KEYS,
  PLATFORM_KEY_KEYS,
  PROFILE_KEYS,
  RECON_KEYS,
  SFTP_KEYS,
} from './schema.js';
import { resolveSignature } from './signature.js';
import type { KeyRef, PlatformKeyRef, ResolvedProfile, SftpSettings, TxnOverride } from './types.js';

/** A profile as far as it resolved: complete when the reader collected no problems. */
export type PartialProfile = Partial<ResolvedProfile> &
  Pick<ResolvedProfile, 'name' | 'configPath' | 'configDir'>;

/** `merchantKey` / `encryptionKey`: a path string or `{path, password}`. */
function keyRef(r: ConfigReader, v: unknown, at: string, required: boolean): KeyRef | undefined {
  if (v === undefined || v === null || typeof v === 'string') {
    const path = r.file(v, at, required);
    return path === undefined ? undefined : { path };
  }
  const o = r.object(v, at, KEY_REF_KEYS);
  if (!o) return undefined;
  const path = r.file(o.path, `${at}.path`, true, at);
  const password = r.string(o.password, `${at}.password`);
  if (path === undefined) return undefined;
  return password === undefined ? { path } : { path, password };
}

/** `platformKeys`: a path, `{certid, path}`, a list of either, or a map certid → path. */
function platformKeys(r: ConfigReader, v: unknown, at: string): PlatformKeyRef[] | undefined {
  const one = (item: unknown, itemAt: string): PlatformKeyRef | undefined => {
    if (typeof item === 'string') {
      const path = r.file(item, itemAt, true);
      return path === undefined ? undefined : { path };
    }
    const o = r.object(item, itemAt, PLATFORM_KEY_KEYS);
    if (!o) return undefined;
    const certid = r.string(o.certid, `${itemAt}.certid`);
    const path = r.file(o.path, `${itemAt}.path`, true, itemAt);
    if (path === undefined) return undefined;
    return certid === undefined ? { path } : { certid, path };
  };
  if (v === undefined || v === null || v === '') {
    r.add(at, 'missing (required): the platform public key or certificate that verifies answers');
    return undefined;
  }
  let list: (PlatformKeyRef | undefined)[];
  if (typeof v === 'string') list = [one(v, at)];
  else if (Array.isArray(v)) {
    if (v.length === 0) r.add(at, 'the list is empty: at least one platform key is needed');
    list = v.map((item, i) => one(item, `${at}[${i}]`));
  } else if (typeof v === 'object' && 'path' in v) list = [one(v, at)];
  else if (typeof v === 'object') {
    list = Object.entries(v as Record<string, unknown>).map(([certid, path]) => {
      const ref =
        typeof path === 'string'
          ? one(path, `${at}.${certid}`)
          : one({ certid, ...(path as object) }, `${at}.${certid}`);
      return ref && { ...ref, certid };
    });
  } else {
    r.add(at, 'expected a path, or a list of {certid, path}');
    return undefined;
  }
  const keys = list.filter((k): k is PlatformKeyRef => k !== undefined);
  const ids = keys.map((k) => k.certid).filter((c) => c !== undefined);
  const dup = ids.find((c, i) => ids.indexOf(c) !== i);
  if (dup) r.add(at, `certid ${dup} appears twice`);
  return keys;
}

function reconLimits(r: ConfigReader, v: unknown, at: string): Partial<ReconLimits> | undefined {
  const o = r.object(v, at, RECON_LIMIT_KEYS);
  if (!o) return undefined;
  const out: Partial<ReconLimits> = {};
  for (const k of RECON_LIMIT_KEYS) {
    if (o[k] !== undefined) out[k] = r.int(o[k], `${at}.${k}`, DEFAULT_RECON_LIMITS[k], 1);
  }
  return out;
}

function remoteProtocol(r: ConfigReader, v: unknown, at: string): RemoteProtocol | undefined {
  const s = r.string(v, at);
  if (s === undefined) return undefined;
  if ((REMOTE_PROTOCOLS as readonly string[]).includes(s)) return s as RemoteProtocol;
  r.add(at, `expected one of ${REMOTE_PROTOCOLS.join(', ')}, got ${JSON.stringify(s)}`);
  return undefined;
}

function flag(r: ConfigReader, v: unknown, at: string): boolean | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'boolean') return v;
  r.add(at, `expected true or false, got ${JSON.stringify(v)}`);
  return undefined;
}

function sftp(r: ConfigReader, v: unknown, at: string): SftpSettings | undefined {
  const o = r.object(v, at, SFTP_KEYS);
  if (!o) return undefined;
  const s: SftpSettings = {
    host: r.string(o.host, `${at}.host`, true) ?? '',
    port: r.int(o.port, `${at}.port`, DEFAULTS.sftpPort, 1, 65_535),
    username: r.string(o.username, `${at}.username`, true) ?? '',
    remoteDir: r.string(o.remoteDir, `${at}.remoteDir`) ?? DEFAULTS.remoteDir,
  };
  const optional = {
    password: r.string(o.password, `${at}.password`),
    privateKey: r.file(o.privateKey, `${at}.privateKey`),
    privateKeyPassphrase: r.string(o.privateKeyPassphrase, `${at}.privateKeyPassphrase`),
    hostKey: r.string(o.hostKey, `${at}.hostKey`),
    zipPassword: r.string(o.zipPassword, `${at}.zipPassword`),
    protocol: remoteProtocol(r, o.protocol, `${at}.protocol`),
    allowInsecure: flag(r, o.allowInsecure, `${at}.allowInsecure`),
    ca: r.file(o.ca, `${at}.ca`),
  };
  if (optional.hostKey !== undefined && !/^SHA256:[A-Za-z0-9+/]{20,}={0,2}$/.test(optional.hostKey)) {
    r.add(
      `${at}.hostKey`,
      `expected an OpenSSH fingerprint "SHA256:…", got ${JSON.stringify(optional.hostKey)}`,
    );
  }
  for (const [k, val] of Object.entries(optional)) if (val !== undefined) Object.assign(s, { [k]: val });
  return s;
}

/** A `postgres://` URL (after `env:`/`file:`); the problem never shows its password. */
function postgresUrl(r: ConfigReader, v: unknown, at: string): string | undefined {
  const url = r.string(v, at);
  if (url === undefined) return undefined;
  if (dbDialect(url) !== 'postgres') {
    r.add(at, `expected a postgres:// URL, got ${JSON.stringify(maskDbUrl(url))}`);
    return undefined;
  }
  return url;
}

function overrides(r: ConfigReader, v: unknown, at: string): Partial<Record<TxnName, TxnOverride>> {
  const o = r.object(v, at);
  const result: Partial<Record<TxnName, TxnOverride>> = {};
  if (!o) return result;
  for (const [txn, value] of Object.entries(o)) {
    if (txn.startsWith('//') || txn.startsWith('$')) continue;
    const txnAt = `${at}.${txn}`;
    if (!(TXN_NAMES as readonly string[]).includes(txn)) {
      r.add(txnAt, `unknown transaction "${txn}" (known: ${TXN_NAMES.join(', ')})`);
      continue;
    }
    const ov = r.object(value, txnAt, OVERRIDE_KEYS);
    if (!ov) continue;
    const entry: TxnOverride = {};
    for (const key of OVERRIDE_KEYS) {
      const s = r.string(ov[key], `${txnAt}.${key}`);
      if (s !== undefined) entry[key] = s;
    }
    result[txn as TxnName] = entry;
  }
  return result;
}

/**
 * Turn one profile of a parsed config into a {@link ResolvedProfile}: references resolved,
 * paths absolute, defaults filled. Problems go to the reader; what resolved is returned.
 */
export function resolveProfile(
  r: ConfigReader,
  raw: unknown,
  name: string,
  configPath: string,
): PartialProfile {
  const at = `profiles.${name}`;
  const p: PartialProfile = { name, configPath, configDir: dirname(configPath) };
  const o = r.object(raw, at, PROFILE_KEYS);
  if (!o) {
    if (raw === undefined || raw === null) r.add(at, 'expected an object, got null');
    return p;
  }
  const baseUrl = r.url(o.baseUrl, `${at}.baseUrl`, true);
  // the catalogue's paths are appended to it: a missing final slash would glue "pos" to "IMP-CPos"
  if (baseUrl !== undefined) p.baseUrl = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  p.busino = r.string(o.busino, `${at}.busino`, true);
  p.subbusino = r.string(o.subbusino, `${at}.subbusino`);
  p.apikey = r.string(o.apikey, `${at}.apikey`, true);
  p.merchantKey = keyRef(r, o.merchantKey, `${at}.merchantKey`, true);
  p.merchantCert = r.file(o.merchantCert, `${at}.merchantCert`);
  p.platformKeys = platformKeys(r, o.platformKeys, `${at}.platformKeys`);
  p.encryptionKey = keyRef(r, o.encryptionKey, `${at}.encryptionKey`, false);
  p.notifyUrl = r.url(o.notifyUrl, `${at}.notifyUrl`);
  p.returnUrl = r.url(o.returnUrl, `${at}.returnUrl`);

  const http = r.object(o.http, `${at}.http`, HTTP_KEYS) ?? {};
  p.http = {
    timeoutMs: r.int(http.timeoutMs, `${at}.http.timeoutMs`, DEFAULTS.timeoutMs, 1),
    connectTimeoutMs: r.int(
      http.connectTimeoutMs,
      `${at}.http.connectTimeoutMs`,
      DEFAULTS.connectTimeoutMs,
      1,
    ),
  };
  if (r.bool(http.allowInsecure, `${at}.http.allowInsecure`)) p.http.allowInsecure = true;
  const ca = r.file(http.ca, `${at}.http.ca`);
  if (ca !== undefined) p.http.ca = ca;

  if (o.sftp !== undefined && o.sftp !== null) p.sftp = sftp(r, o.sftp, `${at}.sftp`);
  const recon = r.object(o.recon, `${at}.recon`, RECON_KEYS) ?? {};
  p.recon = { dir: r.dir(recon.dir, `${at}.recon.dir`, DEFAULTS.reconDir) };
  const filePattern = r.string(recon.filePattern, `${at}.recon.filePattern`);
  if (filePattern !== undefined && !filePattern.includes('{date}')) {
    r.add(
      `${at}.recon.filePattern`,
      `must contain {date} (placeholders: {busino}, {date}, {intraday}): ${filePattern}`,
    );
  } else if (filePattern !== undefined) p.recon.filePattern = filePattern;
  const store = postgresUrl(r, recon.store, `${at}.recon.store`);
  if (store !== undefined) p.recon.store = store;
  const limits = reconLimits(r, recon.limits, `${at}.recon.limits`);
  if (limits) p.recon.limits = limits;
  p.overrides = overrides(r, o.overrides, `${at}.overrides`);
  const journal = r.object(o.journal, `${at}.journal`, JOURNAL_KEYS) ?? {};
  p.journalDir = r.dir(journal.dir, `${at}.journal.dir`, DEFAULTS.journalDir);
  p.journalUrl = postgresUrl(r, journal.url, `${at}.journal.url`);
  p.signature = resolveSignature(r, o.signature, `${at}.signature`);

  // optional values that did not resolve stay absent rather than present-but-undefined
  for (const k of Object.keys(p) as (keyof PartialProfile)[]) if (p[k] === undefined) delete p[k];
  return p;
}

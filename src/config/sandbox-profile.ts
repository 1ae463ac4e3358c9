import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ConfigError } from '../core/errors.js';
import type { Dialect } from '../protocol/dialect.js';
import { jsonError } from './locate.js';

/** The sandbox's descriptor file in its data dir. */
export const SANDBOX_DESCRIPTOR_FILE = 'sandbox.json';

/**
 * `<data>/sandbox.json`, declared once: what `imp sandbox` writes (src/sandbox/setup.ts) and
 * what `imp config init --sandbox`, `imp notify send`, `imp sandbox pay|settle` and the test
 * helper read. Paths are relative to the data dir; secrets sit in their own files.
 */
export interface SandboxDescriptor {
  baseUrl: string;
  busino: string;
  certid: string;
  apikeyFile: string;
  merchantKey: string;
  merchantPublicKey: string;
  platformKey: string;
  platformPrivateKey: string;
  /** The dialect it speaks, as a profile's `signature` block (only what differs from the default); older sandboxes lack it. */
  signature?: Partial<Dialect>;
  sftp?: {
    host: string;
    port: number;
    username: string;
    passwordFile: string;
    hostKey: string;
    remoteDir: string;
    zipPasswordFile: string;
    clientKey: string;
  };
}

/** The descriptor's fields a reader may rely on; a file an older imp wrote may lack the others. */
const REQUIRED = ['baseUrl', 'busino', 'certid', 'apikeyFile', 'merchantKey', 'platformKey'] as const;

/** What {@link readSandboxInfo} guarantees of a descriptor on disk. */
export type SandboxInfo = Pick<SandboxDescriptor, (typeof REQUIRED)[number]> &
  Partial<Omit<SandboxDescriptor, (typeof REQUIRED)[number] | 'sftp'>> & {
    sftp?: Partial<NonNullable<SandboxDescriptor['sftp']>> &
      Pick<NonNullable<SandboxDescriptor['sftp']>, 'host' | 'port' | 'username' | 'passwordFile'>;
  };

/** Default data dir of `imp sandbox`, relative to the current directory. */
export const DEFAULT_SANDBOX_DATA = '.imp-sandbox';
/** Where `imp notify listen` answers by default, so sandbox notifications have somewhere to go. */
export const SANDBOX_NOTIFY_URL = 'http://127.0.0.1:8460/notify';

/** Read `<data>/sandbox.json`; a missing one means no sandbox has run there yet. */
export function readSandboxInfo(dataDir: string): SandboxInfo {
  const file = join(dataDir, SANDBOX_DESCRIPTOR_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError(`no sandbox found: ${file} does not exist`, {
      code: 'SANDBOX_MISSING',
      hints: [
        `start the sandbox first: imp sandbox --data ${dataDir}  (it writes sandbox.json and its keys)`,
        'then run imp config init --sandbox again (--sandbox-data <dir> if it lives elsewhere)',
      ],
    });
  }
  let info: SandboxInfo;
  try {
    info = JSON.parse(text) as SandboxInfo;
  } catch (err) {
    throw new ConfigError(`${file}: invalid JSON: ${jsonError(text, err)}`, { code: 'SANDBOX_INVALID' });
  }
  const missing = REQUIRED.filter((k) => typeof info?.[k] !== 'string' || info[k] === '');
  if (missing.length) {
    throw new ConfigError(`${file}: missing ${missing.join(', ')}`, {
      code: 'SANDBOX_INVALID',
      hints: ['restart imp sandbox to rewrite it'],
    });
  }
  return info;
}

/**
 * The `sandbox` profile for a data dir, every path relative to the config file's
 * directory and every secret a `file:` reference into the data dir.
 */
export function sandboxProfile(
  dataDir: string,
  configDir: string,
  baseUrl?: string,
): Record<string, unknown> {
  const info = readSandboxInfo(dataDir);
  const rel = (p: string) => relative(configDir, resolve(dataDir, p)) || '.';
  const profile: Record<string, unknown> = {
    baseUrl: baseUrl ?? info.baseUrl,
    busino: info.busino,
    apikey: `file:${rel(info.apikeyFile)}`,
    merchantKey: rel(info.merchantKey),
    platformKeys: [{ certid: info.certid, path: rel(info.platformKey) }],
    notifyUrl: SANDBOX_NOTIFY_URL,
    // the sandbox's stand-in merchant return page, so `imp pay` works out of the box
    returnUrl: new URL('/_sandbox/return', baseUrl ?? info.baseUrl).toString(),
  };
  const s = info.sftp;
  if (s) {
    profile.sftp = {
      host: s.host,
      port: s.port,
      username: s.username,
      password: `file:${rel(s.passwordFile)}`,
      ...(s.hostKey ? { hostKey: s.hostKey } : {}),
      remoteDir: s.remoteDir ?? '/',
      ...(s.zipPasswordFile ? { zipPassword: `file:${rel(s.zipPasswordFile)}` } : {}),
    };
  }
  profile.recon = { dir: './recon' };
  // the sandbox's dialect, so the profile signs and verifies as it does
  if (info.signature && Object.keys(info.signature).length) profile.signature = { ...info.signature };
  return profile;
}

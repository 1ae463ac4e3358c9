import type { KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ResolvedProfile } from '../config/types.js';
import { ConfigError } from '../core/errors.js';
import { loadPrivateKey } from '../keys/load.js';

/** What `imp notify send` signs with: the platform's private key, the apikey, the certid. */
export interface PlatformSigner {
  key: KeyObject;
  apikey: string;
  certid?: string;
  busino?: string;
  /** Where the key came from, for messages. */
  source: string;
}

/** Sandbox data dirs worth looking in: `./.imp-sandbox`, then the one the profile's platform keys live in. */
function sandboxDirs(cwd: string, profile: ResolvedProfile | undefined): string[] {
  const dirs = [resolve(cwd, '.imp-sandbox')];
  for (const k of profile?.platformKeys ?? []) dirs.push(dirname(dirname(k.path)), dirname(k.path));
  return dirs.filter((d) => existsSync(join(d, 'sandbox.json')));
}

/**
 * Find the platform signing material: `--key` when given, else the sandbox's platform
 * private key (`<data>/sandbox.json`). The apikey and certid come from the profile when
 * one loads (so the listener of the same profile verifies), else from the sandbox.
 */
export async function platformSigner(opts: {
  cwd: string;
  keyPath?: string;
  profile?: ResolvedProfile;
}): Promise<PlatformSigner> {
  const { readSandboxInfo } = await import('../config/sandbox-profile.js');
  const dir = sandboxDirs(opts.cwd, opts.profile)[0];
  const info = dir ? readSandboxInfo(dir) : undefined;
  let keyFile: string | undefined;
  if (opts.keyPath) keyFile = resolve(opts.cwd, opts.keyPath);
  else if (dir && info?.platformPrivateKey) keyFile = resolve(dir, info.platformPrivateKey);
  if (!keyFile) {
    throw new ConfigError('no platform private key to sign with: pass --key <file>', {
      code: 'KEY_MISSING',
      hints: ['or run it where `imp sandbox` keeps its data (./.imp-sandbox)'],
    });
  }
  let apikey = opts.profile?.apikey;
  if (!apikey && dir && info) {
    apikey = readFileSync(resolve(dir, info.apikeyFile), 'utf8').trim();
  }
  if (!apikey) throw new ConfigError('no apikey to sign with: configure a profile', { code: 'CONFIG' });
  const certid = opts.keyPath
    ? (opts.profile?.platformKeys[0]?.certid ?? info?.certid)
    : (info?.certid ?? opts.profile?.platformKeys[0]?.certid);
  return {
    key: await loadPrivateKey({ path: keyFile }),
    apikey,
    certid,
    busino: opts.profile?.busino ?? info?.busino,
    source: keyFile,
  };
}

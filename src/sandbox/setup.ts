import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
} from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { SANDBOX_DESCRIPTOR_FILE, type SandboxDescriptor } from '../config/sandbox-profile.js';
import { writeFileAtomic } from '../core/atomic-write.js';
import { DEFAULT_DIALECT, DIALECT_KEYS, type Dialect, dialectDiff, isChoice } from '../protocol/dialect.js';
import { randomDigits } from '../protocol/ids.js';
import { loadSsh2, type Ssh2 } from './ssh2.js';

export type { SandboxDescriptor };

/** The sandbox's identity and secrets, generated on first start and kept in the data dir. */
export interface SandboxIdentity {
  busino: string;
  certid: string;
  apikey: string;
  platformPrivate: KeyObject;
  merchantPublic: KeyObject;
  sftpUser: string;
  sftpPassword: string;
  zipPassword: string;
  /** OpenSSH private key of the SFTP server. */
  sftpHostKey: string;
  /** OpenSSH public key line the SFTP server accepts for the client. */
  sftpClientPublic: string;
}

/** File names inside the data dir, relative. */
export const FILES = {
  identity: 'identity.json',
  apikey: 'apikey',
  sftpPassword: 'sftp-password',
  zipPassword: 'zip-password',
  merchantKey: 'keys/merchant-private.pem',
  merchantPublicKey: 'keys/merchant-public.pem',
  platformKey: 'keys/platform-public.pem',
  platformPrivateKey: 'keys/platform-private.pem',
  sftpHostKey: 'keys/sftp-host',
  sftpClientKey: 'keys/sftp-client',
  sftpClientPublic: 'keys/sftp-client.pub',
  descriptor: SANDBOX_DESCRIPTOR_FILE,
  dialect: 'dialect.json',
} as const;

const secret = (bytes: number) => randomBytes(bytes).toString('base64url');

async function exists(file: string): Promise<boolean> {
  return fsp.access(file).then(
    () => true,
    () => false,
  );
}

async function rsaPair(dataDir: string, privFile: string, pubFile: string): Promise<void> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  await writeFileAtomic(path.join(dataDir, privFile), privateKey.export({ type: 'pkcs8', format: 'pem' }), {
    mode: 0o600,
  });
  await writeFileAtomic(path.join(dataDir, pubFile), publicKey.export({ type: 'spki', format: 'pem' }), {
    mode: 0o644,
  });
}

async function sshPair(dataDir: string, privFile: string, pubFile?: string): Promise<void> {
  const { utils } = await loadSsh2();
  // ssh2's ed25519 generator now and then (about 1 in 150) writes a public key whose
  // length prefix is off, which its own parser then refuses: draw again until both parse.
  let pair = utils.generateKeyPairSync('ed25519', { comment: 'imp-sandbox' });
  for (let i = 0; i < 20 && !sshPairParses(utils, pair); i++) {
    pair = utils.generateKeyPairSync('ed25519', { comment: 'imp-sandbox' });
  }
  await writeFileAtomic(path.join(dataDir, privFile), pair.private, { mode: 0o600 });
  if (pubFile) await writeFileAtomic(path.join(dataDir, pubFile), `${pair.public}\n`, { mode: 0o644 });
}

function sshPairParses(utils: Ssh2['utils'], pair: { private: string; public: string }): boolean {
  return !(utils.parseKey(pair.private) instanceof Error) && !(utils.parseKey(pair.public) instanceof Error);
}

/** A key file ssh2 cannot parse (written by an earlier sandbox before the check above) is made anew. */
async function sshKeyUsable(file: string): Promise<boolean> {
  if (!(await exists(file))) return false;
  const parsed = (await loadSsh2()).utils.parseKey(await fsp.readFile(file, 'utf8'));
  return !(parsed instanceof Error);
}

/**
 * Load the sandbox identity from the data dir, generating whatever is missing
 * (first start): key pairs, apikey, certid, busino, SFTP and zip passwords.
 */
export async function ensureIdentity(dataDir: string): Promise<SandboxIdentity> {
  await fsp.mkdir(path.join(dataDir, 'keys'), { recursive: true, mode: 0o700 });
  const at = (f: string) => path.join(dataDir, f);
  if (!(await exists(at(FILES.platformPrivateKey))))
    await rsaPair(dataDir, FILES.platformPrivateKey, FILES.platformKey);
  if (!(await exists(at(FILES.merchantKey))))
    await rsaPair(dataDir, FILES.merchantKey, FILES.merchantPublicKey);
  if (!(await sshKeyUsable(at(FILES.sftpHostKey)))) await sshPair(dataDir, FILES.sftpHostKey);
  if (!(await sshKeyUsable(at(FILES.sftpClientKey))) || !(await sshKeyUsable(at(FILES.sftpClientPublic))))
    await sshPair(dataDir, FILES.sftpClientKey, FILES.sftpClientPublic);
  for (const [file, make] of [
    [FILES.apikey, () => secret(24)],
    [FILES.sftpPassword, () => secret(12)],
    [FILES.zipPassword, () => secret(12)],
  ] as const) {
    if (!(await exists(at(file)))) await writeFileAtomic(at(file), `${make()}\n`, { mode: 0o600 });
  }
  let ids: { busino: string; certid: string; sftpUser: string };
  if (await exists(at(FILES.identity))) {
    ids = JSON.parse(await fsp.readFile(at(FILES.identity), 'utf8'));
  } else {
    ids = { busino: `8${randomDigits(14)}`, certid: `SANDBOX${randomDigits(16)}`, sftpUser: 'imp-sandbox' };
    await writeFileAtomic(at(FILES.identity), `${JSON.stringify(ids, null, 2)}\n`, { mode: 0o644 });
  }
  const read = async (f: string) => (await fsp.readFile(at(f), 'utf8')).trim();
  return {
    ...ids,
    apikey: await read(FILES.apikey),
    sftpPassword: await read(FILES.sftpPassword),
    zipPassword: await read(FILES.zipPassword),
    platformPrivate: createPrivateKey(await fsp.readFile(at(FILES.platformPrivateKey))),
    merchantPublic: createPublicKey(await fsp.readFile(at(FILES.merchantPublicKey))),
    sftpHostKey: await fsp.readFile(at(FILES.sftpHostKey), 'utf8'),
    sftpClientPublic: await read(FILES.sftpClientPublic),
  };
}

/** Write `<data>/sandbox.json` with the ports actually bound. */
export async function writeDescriptor(
  dataDir: string,
  identity: SandboxIdentity,
  baseUrl: string,
  sftp?: { host: string; port: number; hostKey: string },
  dialect: Dialect = DEFAULT_DIALECT,
): Promise<SandboxDescriptor> {
  const d: SandboxDescriptor = {
    baseUrl,
    busino: identity.busino,
    certid: identity.certid,
    apikeyFile: FILES.apikey,
    merchantKey: FILES.merchantKey,
    merchantPublicKey: FILES.merchantPublicKey,
    platformKey: FILES.platformKey,
    platformPrivateKey: FILES.platformPrivateKey,
    signature: dialectDiff(dialect),
    ...(sftp
      ? {
          sftp: {
            host: sftp.host,
            port: sftp.port,
            username: identity.sftpUser,
            passwordFile: FILES.sftpPassword,
            hostKey: sftp.hostKey,
            remoteDir: '/',
            zipPasswordFile: FILES.zipPassword,
            clientKey: FILES.sftpClientKey,
          },
        }
      : {}),
  };
  await writeFileAtomic(path.join(dataDir, FILES.descriptor), `${JSON.stringify(d, null, 2)}\n`, {
    mode: 0o644,
  });
  return d;
}

/**
 * The dialect a sandbox speaks: the one asked for is kept in `<data>/dialect.json`; without
 * one, the kept one (so `imp sandbox` restarted keeps speaking it); else the default.
 */
export async function sandboxDialect(dataDir: string, asked: Dialect | undefined): Promise<Dialect> {
  const file = path.join(dataDir, FILES.dialect);
  if (asked) {
    await writeFileAtomic(file, `${JSON.stringify(dialectDiff(asked), null, 2)}\n`, { mode: 0o644 });
    return asked;
  }
  if (!(await exists(file))) return { ...DEFAULT_DIALECT };
  const kept = JSON.parse(await fsp.readFile(file, 'utf8')) as Record<string, unknown>;
  const d: Dialect = { ...DEFAULT_DIALECT };
  for (const k of DIALECT_KEYS) if (isChoice(k, kept[k])) Object.assign(d, { [k]: kept[k] });
  return d;
}

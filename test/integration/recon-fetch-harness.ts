import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, expect } from 'vitest';
import type { CommandResult } from '../../src/cli/kit/command.js';
import { createContext } from '../../src/cli/kit/context.js';
import { run } from '../../src/commands/recon/fetch.js';
import type { SftpSettings } from '../../src/config/types.js';
import { ImpError } from '../../src/core/errors.js';
import { type ReconRecord, writeReconFiles } from '../../src/sandbox/recon-files.js';
import { type SftpServerHandle, startSftpServer } from '../../src/sandbox/sftp-server.js';
import { VECTOR_KEYS } from '../helpers/vectors.js';

// Shared by the `imp recon fetch` test files: one SFTP server per file (vitest loads this
// module once per test file), serving four days of reconciliation files.

export const BUSINO = '448422080620001';
export const ZIP_PASSWORD = 'zip-secret-2026';
const SFTP_PASSWORD = 'sftp-secret-2026';
/** This test file's scratch folder; `root` below it is what the SFTP server serves. */
export const work = mkdtempSync(path.join(tmpdir(), 'imp-fetch-'));
export const root = path.join(work, 'served');
/** The CSV bytes a fetch must yield, by the CSV's name. */
export const expected = new Map<string, Buffer>();
const hostKeys = ssh2.utils.generateKeyPairSync('ed25519');
const clientKeys = ssh2.utils.generateKeyPairSync('ed25519');
/** The private key the server accepts for key authentication. */
export const clientKeyFile = path.join(work, 'sftp-client');
let server: SftpServerHandle | undefined;
let seq = 0;

const records: ReconRecord[] = ['20260101', '20260102', '20260103', '20260104'].flatMap((d, i) => [
  {
    transno: `T${d}1`,
    imp_tradeno: `S${d}1`,
    orderno: `O${d}1`,
    time: `${d}101010`,
    type: 'pay' as const,
    amount: 1_234 + i,
    orderdesc: '测试商品',
    payType: '00081',
  },
  {
    transno: `T${d}1`,
    imp_tradeno: `S${d}2`,
    orderno: `O${d}1`,
    time: `${d}111010`,
    type: 'refund' as const,
    amount: 34,
    refundno: `R${d}`,
    payType: '00081',
  },
]);

/** Write one day's file into the served tree and remember the CSV bytes the fetch must yield. */
async function serve(date: string, opts: { zip: 'zipcrypto' | 'aes' | null; intraday?: boolean }) {
  const res = await writeReconFiles({
    dir: root,
    busino: BUSINO,
    date,
    records,
    intraday: !!opts.intraday,
    zip: opts.zip ? { password: ZIP_PASSWORD, aes: opts.zip === 'aes' } : null,
    feeRate: '0.006',
  });
  // The unzipped bytes to compare with: the same records written bare elsewhere.
  const bare = await writeReconFiles({
    dir: path.join(work, 'bare'),
    busino: BUSINO,
    date,
    records,
    intraday: !!opts.intraday,
    zip: null,
    feeRate: '0.006',
  });
  expected.set(res.csvName, readFileSync(bare.path));
}

/**
 * Start the served files and the SFTP server before this file's tests, and remove both after:
 * 20260101 ZipCrypto, 20260102 AES, 20260103 a bare CSV, 20260104 the intraday file (ZipCrypto).
 */
export function useReconFetchServer(): void {
  beforeAll(async () => {
    mkdirSync(root, { recursive: true });
    writeFileSync(clientKeyFile, clientKeys.private, { mode: 0o600 });
    await serve('20260101', { zip: 'zipcrypto' });
    await serve('20260102', { zip: 'aes' });
    await serve('20260103', { zip: null });
    await serve('20260104', { zip: 'zipcrypto', intraday: true });
    server = await startSftpServer({
      rootDir: root,
      username: 'merchant',
      password: SFTP_PASSWORD,
      authorizedKeys: clientKeys.public,
      hostKeyPem: hostKeys.private,
    });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(work, { recursive: true, force: true });
  });
}

/** The running SFTP server (started by `useReconFetchServer`). */
export function sftpServer(): SftpServerHandle {
  if (!server) throw new Error('the SFTP server is not running: call useReconFetchServer() in the test file');
  return server;
}

/** Settings that reach the test server with password auth, its pinned host key and the zip password. */
export function sftpSettings(over: Partial<SftpSettings> = {}): SftpSettings {
  return {
    host: '127.0.0.1',
    port: sftpServer().port,
    username: 'merchant',
    password: SFTP_PASSWORD,
    hostKey: sftpServer().hostKeyFingerprint,
    remoteDir: '/',
    zipPassword: ZIP_PASSWORD,
    ...over,
  };
}

/** A config file with one profile `t`, and a context whose --json result we read back. */
export function setup(sftp: Record<string, unknown>, json = true, filePattern?: string) {
  const dir = path.join(work, `case${++seq}`);
  mkdirSync(dir);
  const configPath = path.join(dir, 'imp.config.json');
  const profile = {
    baseUrl: 'http://127.0.0.1:9/pos/',
    busino: BUSINO,
    apikey: 'test-apikey-0123456789',
    merchantKey: path.join(VECTOR_KEYS, 'merchant-private.pem'),
    platformKeys: path.join(VECTOR_KEYS, 'platform-public.pem'),
    sftp,
    recon: { dir: './recon', ...(filePattern ? { filePattern } : {}) },
  };
  writeFileSync(configPath, `${JSON.stringify({ profiles: { t: profile } }, null, 2)}\n`);
  const streams = { stdout: new PassThrough(), stderr: new PassThrough(), stdin: { isTTY: false } };
  const ctx = createContext(
    { config: configPath, json, input: false, yes: false, verbose: false, debug: false },
    { env: {}, cwd: dir, streams },
  );
  return { dir, configPath, ctx, reconDir: path.join(dir, 'recon') };
}

/** `sftpSettings` as the plain object a config file holds. */
export const plain = (o: Partial<SftpSettings> = {}) => ({ ...sftpSettings(o) }) as Record<string, unknown>;
export const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** One entry of the `files` list in `imp recon fetch --json`. */
export type FileJson = {
  date: string;
  status: string;
  path?: string;
  size?: number;
  sha256?: string;
  fromZip: boolean;
};

/** Run `imp recon fetch` with these options and read back its exit code and --json file list. */
export async function fetchJson(ctx: ReturnType<typeof setup>['ctx'], opts: Record<string, unknown>) {
  const res = (await run(ctx, { args: [], opts })) as CommandResult;
  return { exitCode: res.exitCode ?? 0, files: (res.json as { files: FileJson[] }).files };
}

/** The ImpError a promise rejects with (the test fails if it resolves or throws anything else). */
export async function failure(p: Promise<unknown>): Promise<ImpError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ImpError);
  return err as ImpError;
}

import { createHash } from 'node:crypto';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CommandResult } from '../../src/cli/command.js';
import { createContext } from '../../src/cli/context.js';
import { run } from '../../src/commands/recon/fetch.js';
import type { ResolvedProfile, SftpSettings } from '../../src/config/types.js';
import { ImpError } from '../../src/core/errors.js';
import { ExitCode } from '../../src/core/exit-codes.js';
import { fetchReconFiles } from '../../src/recon/fetch/index.js';
import { type ReconRecord, reconFileName, writeReconFiles } from '../../src/sandbox/recon-files.js';
import { type SftpServerHandle, startSftpServer } from '../../src/sandbox/sftp-server.js';
import { VECTOR_KEYS } from '../helpers/vectors.js';

const VECTORS = VECTOR_KEYS;
const BUSINO = '448422080620001';
const ZIP_PASSWORD = 'zip-secret-2026';
const SFTP_PASSWORD = 'sftp-secret-2026';
const work = mkdtempSync(path.join(tmpdir(), 'imp-fetch-'));
const root = path.join(work, 'served');
const expected = new Map<string, Buffer>();
const hostKeys = ssh2.utils.generateKeyPairSync('ed25519');
const clientKeys = ssh2.utils.generateKeyPairSync('ed25519');
const clientKeyFile = path.join(work, 'sftp-client');
let server: SftpServerHandle;
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

function sftpSettings(over: Partial<SftpSettings> = {}): SftpSettings {
  return {
    host: '127.0.0.1',
    port: server.port,
    username: 'merchant',
    password: SFTP_PASSWORD,
    hostKey: server.hostKeyFingerprint,
    remoteDir: '/',
    zipPassword: ZIP_PASSWORD,
    ...over,
  };
}

/** A config file with one profile `t`, and a context whose --json result we read back. */
function setup(sftp: Record<string, unknown>, json = true, filePattern?: string) {
  const dir = path.join(work, `case${++seq}`);
  mkdirSync(dir);
  const configPath = path.join(dir, 'imp.config.json');
  const profile = {
    baseUrl: 'http://127.0.0.1:9/pos/',
    busino: BUSINO,
    apikey: 'test-apikey-0123456789',
    merchantKey: path.join(VECTORS, 'merchant-private.pem'),
    platformKeys: path.join(VECTORS, 'platform-public.pem'),
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

const plain = (o: Partial<SftpSettings> = {}) => ({ ...sftpSettings(o) }) as Record<string, unknown>;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

type FileJson = {
  date: string;
  status: string;
  path?: string;
  size?: number;
  sha256?: string;
  fromZip: boolean;
};
async function fetchJson(ctx: ReturnType<typeof setup>['ctx'], opts: Record<string, unknown>) {
  const res = (await run(ctx, { args: [], opts })) as CommandResult;
  return { exitCode: res.exitCode ?? 0, files: (res.json as { files: FileJson[] }).files };
}

async function failure(p: Promise<unknown>): Promise<ImpError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ImpError);
  return err as ImpError;
}

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

describe('imp recon fetch', () => {
  it('password auth, ZipCrypto zip: saves the exact CSV and lists size and SHA-256; a re-run skips it', async () => {
    const { ctx, reconDir } = setup(plain());
    const first = await fetchJson(ctx, { date: '20260101' });
    const name = reconFileName(BUSINO, '20260101', false);
    const want = expected.get(name) as Buffer;
    expect(first.exitCode).toBe(0);
    expect(first.files).toEqual([
      expect.objectContaining({
        date: '20260101',
        status: 'saved',
        fromZip: true,
        size: want.length,
        sha256: sha(want),
      }),
    ]);
    expect(first.files[0]?.path).toBe(path.join(reconDir, name));
    expect(Buffer.compare(readFileSync(path.join(reconDir, name)), want)).toBe(0);
    expect(readdirSync(reconDir)).toEqual([name]);
    const again = await fetchJson(ctx, { date: '20260101' });
    expect(again.files[0]).toMatchObject({ status: 'skipped', sha256: sha(want) });
    const forced = await fetchJson(ctx, { date: '20260101', force: true });
    expect(forced.files[0]).toMatchObject({ status: 'updated', sha256: sha(want) });
  });

  it('key auth, AES zip, into --out', async () => {
    const { ctx, dir } = setup(plain({ password: undefined, privateKey: clientKeyFile }));
    const { files } = await fetchJson(ctx, { date: '20260102', out: 'elsewhere' });
    const name = reconFileName(BUSINO, '20260102', false);
    expect(files[0]).toMatchObject({
      status: 'saved',
      fromZip: true,
      path: path.join(dir, 'elsewhere', name),
    });
    expect(sha(readFileSync(path.join(dir, 'elsewhere', name)))).toBe(sha(expected.get(name) as Buffer));
  });

  it('a bare CSV, the intraday file, and a range with a day missing (exit 6, the rest saved)', async () => {
    const { ctx, reconDir } = setup(plain());
    const bare = await fetchJson(ctx, { date: '20260103' });
    expect(bare.files[0]).toMatchObject({ status: 'saved', fromZip: false });
    const intraday = await fetchJson(ctx, { date: '20260104', intraday: true });
    expect(intraday.files[0]?.path).toBe(path.join(reconDir, `tmp_DZ_${BUSINO}_20260104.csv`));
    const range = await fetchJson(ctx, { from: '20260101', to: '20260104' });
    expect(range.exitCode).toBe(ExitCode.notYet);
    expect(range.files.map((f) => `${f.date}:${f.status}`)).toEqual([
      '20260101:saved',
      '20260102:saved',
      '20260103:skipped',
      '20260104:missing',
    ]);
  });

  it('recon.filePattern: a deployment-specific zip name whose CSV inside keeps the spec name', async () => {
    copyFileSync(path.join(root, `DZ_${BUSINO}_20260101.zip`), path.join(root, 'merchant-20260101.zip'));
    const { ctx, reconDir } = setup(plain(), true, 'merchant-{date}.csv');
    const { files } = await fetchJson(ctx, { date: '20260101' });
    expect(files[0]).toMatchObject({
      status: 'saved',
      fromZip: true,
      path: path.join(reconDir, 'merchant-20260101.csv'),
    });
    expect(files[0]?.sha256).toBe(sha(expected.get(reconFileName(BUSINO, '20260101', false)) as Buffer));
  });

  it('a day not on the server: exit 6 naming the file', async () => {
    const { ctx, reconDir } = setup(plain());
    const err = await failure(run(ctx, { args: [], opts: { date: '20251231' } }));
    expect(err.exitCode).toBe(ExitCode.notYet);
    expect(err.message).toContain(`DZ_${BUSINO}_20251231`);
    expect(readdirSync(reconDir)).toEqual([]);
  });

  it('a wrong zip password: exit 2, one line, no file left behind (ZipCrypto and AES)', async () => {
    for (const date of ['20260101', '20260102']) {
      const { ctx, reconDir } = setup(plain({ zipPassword: 'not-the-password' }));
      const err = await failure(run(ctx, { args: [], opts: { date } }));
      expect(err.exitCode).toBe(ExitCode.usage);
      expect(err.message).toMatch(/wrong zip password/);
      expect(err.message).not.toContain('\n');
      expect(err.message).not.toContain(ZIP_PASSWORD);
      expect(readdirSync(reconDir)).toEqual([]);
    }
  });

  it('no pin: refuses, prints the fingerprint and the config line; --accept-new-host-key pins it', async () => {
    const { ctx, configPath, reconDir } = setup(plain({ hostKey: undefined }));
    const err = await failure(run(ctx, { args: [], opts: { date: '20260103' } }));
    expect(err.exitCode).toBe(ExitCode.usage);
    expect(err.message).toContain(server.hostKeyFingerprint);
    expect(err.hints.join('\n')).toContain(`"hostKey": "${server.hostKeyFingerprint}"`);
    expect(readdirSync(reconDir)).toEqual([]);
    const pinned = await fetchJson(ctx, { date: '20260103', acceptNewHostKey: true });
    expect(pinned.files[0]?.status).toBe('saved');
    const config = JSON.parse(readFileSync(configPath, 'utf8'));
    expect(config.profiles.t.sftp.hostKey).toBe(server.hostKeyFingerprint);
  });

  it('a wrong pinned host key: exit 2 naming both fingerprints, nothing fetched', async () => {
    const other = 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    const { ctx, reconDir } = setup(plain({ hostKey: other }));
    const err = await failure(run(ctx, { args: [], opts: { date: '20260103', acceptNewHostKey: true } }));
    expect(err.exitCode).toBe(ExitCode.usage);
    expect(err.message).toContain(other);
    expect(err.message).toContain(server.hostKeyFingerprint);
    expect(readdirSync(reconDir)).toEqual([]);
  });

  it('a wrong SFTP password: exit 2 without retrying', async () => {
    const { ctx } = setup(plain({ password: 'wrong' }));
    const log = vi.spyOn(console, 'log');
    const err = await failure(run(ctx, { args: [], opts: { date: '20260103' } }));
    expect(log.mock.calls).toEqual([]);
    log.mockRestore();
    expect(err.exitCode).toBe(ExitCode.usage);
    expect(err.message).toMatch(/authentication refused/);
  });

  it('a connection dropped mid-transfer: retried, the file arrives whole, no partial file left', async () => {
    // 2 MB of detail lines: large enough that the first connection dies mid-file.
    const big = Buffer.alloc(2_000_000, 'O20260105,0,1.00\r\n');
    writeFileSync(path.join(root, `DZ_${BUSINO}_20260105.csv`), big);
    let connections = 0;
    const proxy = createServer((down) => {
      const first = ++connections === 1;
      const up = connect(server.port, '127.0.0.1');
      let sent = 0;
      up.on('data', (chunk: Buffer) => {
        sent += chunk.length;
        if (first && sent > 500_000) {
          up.destroy();
          down.destroy();
          return;
        }
        down.write(chunk);
      });
      down.on('data', (chunk: Buffer) => up.write(chunk));
      for (const s of [up, down]) s.on('error', () => {});
      up.on('close', () => down.destroy());
      down.on('close', () => up.destroy());
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const notes: string[] = [];
    const outDir = path.join(work, 'dropped');
    const profile = {
      name: 't',
      configPath: path.join(work, 'none.json'),
      busino: BUSINO,
      sftp: sftpSettings({ port: (proxy.address() as { port: number }).port }),
      recon: { dir: outDir },
    } as ResolvedProfile;
    try {
      const report = await fetchReconFiles(profile, {
        dates: ['20260105'],
        intraday: false,
        outDir,
        force: false,
        acceptNewHostKey: false,
        retryDelaysMs: [10, 10],
        onNote: (l) => notes.push(l),
      });
      expect(connections).toBe(2);
      expect(notes.some((n) => n.includes('retrying'))).toBe(true);
      expect(report.files[0]).toMatchObject({ status: 'saved', size: big.length, sha256: sha(big) });
      expect(readdirSync(outDir)).toEqual([`DZ_${BUSINO}_20260105.csv`]);
    } finally {
      await new Promise((r) => proxy.close(r));
    }
  });

  it('an unreachable server: retried, then exit 3', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as { port: number }).port;
    await new Promise((r) => closed.close(r));
    const notes: string[] = [];
    // Nothing may reach the console (stdout carries the --json document).
    const log = vi.spyOn(console, 'log');
    const error = vi.spyOn(console, 'error');
    const profile = {
      name: 't',
      configPath: path.join(work, 'none.json'),
      busino: BUSINO,
      sftp: sftpSettings({ port }),
      recon: { dir: path.join(work, 'unreachable') },
    } as ResolvedProfile;
    const err = await failure(
      fetchReconFiles(profile, {
        dates: ['20260101'],
        intraday: false,
        outDir: profile.recon.dir,
        force: false,
        acceptNewHostKey: false,
        retryDelaysMs: [5, 5],
        onNote: (l) => notes.push(l),
      }),
    );
    expect(err.exitCode).toBe(ExitCode.unknown);
    expect(err.message).toContain('3 attempts');
    expect(notes.filter((n) => n.includes('retrying'))).toHaveLength(2);
    expect([log.mock.calls, error.mock.calls]).toEqual([[], []]);
    log.mockRestore();
    error.mockRestore();
  });
});

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/commands/recon/fetch.js';
import { ExitCode } from '../../src/core/exit-codes.js';
import { type ReconRecord, writeReconFiles } from '../../src/sandbox/recon-files.js';
import { findVsftpd, startVsftpd, type VsftpdHandle } from '../helpers/vsftpd.js';
import { failure, fetchJson, setup, work } from './recon-fetch-harness.js';

// `sftp.protocol` ftp and ftps against a real vsftpd (spec 2.7.1 says FTP), with dated folders.
const vsftpd = findVsftpd();
const BUSINO = '448422080620009';
const ZIP_PASSWORD = 'zip-secret-ftp-1';
const records: ReconRecord[] = [
  {
    transno: 'TF1',
    imp_tradeno: 'SF1',
    orderno: 'OF1',
    time: '20260115101010',
    type: 'pay',
    amount: 4321,
    orderdesc: '测试商品',
    payType: '00081',
  },
];
let plainFtp: VsftpdHandle | undefined;
let ftps: VsftpdHandle | undefined;
let expected: Buffer;

beforeAll(async () => {
  if (!vsftpd) return;
  plainFtp = await startVsftpd(vsftpd);
  ftps = await startVsftpd(vsftpd, { tls: true });
  for (const server of [plainFtp, ftps]) {
    const dir = path.join(server.root, '2026', '01');
    mkdirSync(dir, { recursive: true });
    const zip = { password: ZIP_PASSWORD, aes: false };
    await writeReconFiles({
      dir,
      busino: BUSINO,
      date: '20260115',
      records,
      intraday: false,
      zip,
      feeRate: '0.006',
    });
  }
  const bare = await writeReconFiles({
    dir: path.join(work, 'ftp-bare'),
    busino: BUSINO,
    date: '20260115',
    records,
    intraday: false,
    zip: null,
    feeRate: '0.006',
  });
  expected = readFileSync(bare.path);
}, 60_000);
afterAll(async () => {
  await Promise.all([plainFtp?.stop(), ftps?.stop()]);
});

const PATTERN = '{yyyy}/{MM}/DZ_{busino}_{date}.zip';
function ftpCase(server: VsftpdHandle, over: Record<string, unknown> = {}) {
  const sftp = {
    protocol: 'ftp',
    host: '127.0.0.1',
    port: server.port,
    username: 'anonymous',
    password: 'imp-test',
    remoteDir: '/',
    zipPassword: ZIP_PASSWORD,
    ...over,
  };
  const c = setup(sftp, true, PATTERN);
  // the harness writes its own busino; these files carry ours
  const config = JSON.parse(readFileSync(c.configPath, 'utf8'));
  config.profiles.t.busino = BUSINO;
  writeFileSync(c.configPath, JSON.stringify(config, null, 2));
  return c;
}

describe.skipIf(!vsftpd)('imp recon fetch over FTP and FTPS (vsftpd)', () => {
  it('plain FTP to loopback, a dated folder: saves the exact CSV; a re-run skips it', async () => {
    const { ctx, reconDir } = ftpCase(plainFtp!);
    const first = await fetchJson(ctx, { date: '20260115' });
    expect(first.exitCode).toBe(0);
    expect(first.files[0]).toMatchObject({ status: 'saved', fromZip: true });
    expect(readFileSync(path.join(reconDir, `DZ_${BUSINO}_20260115.csv`))).toEqual(expected);
    const again = await fetchJson(ctx, { date: '20260115' });
    expect(again.files[0]?.status).toBe('skipped');
  });

  it('a day whose dated folder is not there yet: exit 6', async () => {
    const { ctx } = ftpCase(plainFtp!);
    const err = await failure(run(ctx, { args: [], opts: { date: '20260301' } }));
    expect(err.exitCode).toBe(ExitCode.notYet);
    expect(err.message).toContain(`/2026/03/DZ_${BUSINO}_20260301`);
  });

  it('FTPS with the server certificate trusted through sftp.ca', async () => {
    const { ctx, reconDir } = ftpCase(ftps!, { protocol: 'ftps', ca: ftps!.caFile });
    const res = await fetchJson(ctx, { date: '20260115' });
    expect(res.files[0]?.status).toBe('saved');
    expect(readFileSync(path.join(reconDir, `DZ_${BUSINO}_20260115.csv`))).toEqual(expected);
  });

  it('FTPS with an untrusted certificate: exit 2, nothing sent', async () => {
    const { ctx, reconDir } = ftpCase(ftps!, { protocol: 'ftps' });
    const err = await failure(run(ctx, { args: [], opts: { date: '20260115' } }));
    expect(err.exitCode).toBe(ExitCode.usage);
    expect(err.message).toMatch(/TLS certificate is not trusted/);
    expect(() => readFileSync(path.join(reconDir, `DZ_${BUSINO}_20260115.csv`))).toThrow();
  });

  it('a refused login: exit 2 without retrying', async () => {
    const { ctx } = ftpCase(plainFtp!, { username: 'merchant' });
    const err = await failure(run(ctx, { args: [], opts: { date: '20260115' } }));
    expect(err.exitCode).toBe(ExitCode.usage);
    expect(err.message).toMatch(/login refused/);
  });
});

describe('the transport rule for FTP', () => {
  it('plain FTP to another host is refused before connecting unless sftp.allowInsecure', async () => {
    const { ctx } = setup({ protocol: 'ftp', host: 'ftp.bank.example', username: 'm', password: 'p' }, true);
    const err = await failure(run(ctx, { args: [], opts: { date: '20260115' } }));
    expect(err.exitCode).toBe(ExitCode.usage);
    expect(err.message).toMatch(/plain FTP to ftp\.bank\.example .* set sftp\.allowInsecure: true/);
  });
});

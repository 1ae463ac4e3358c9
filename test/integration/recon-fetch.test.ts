import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/commands/recon/fetch.js';
import type { ImpError } from '../../src/core/errors.js';
import { ExitCode } from '../../src/core/exit-codes.js';
import { reconFileName } from '../../src/sandbox/recon-files.js';
import {
  BUSINO,
  clientKeyFile,
  expected,
  fetchJson,
  plain,
  root,
  setup,
  sha,
  useReconFetchServer,
} from './recon-fetch-harness.js';

// The paths that fetch a file: both auth kinds, both zip kinds, bare and intraday files, ranges,
// a custom file name. The failures (host key, passwords, connections) are in recon-fetch-faults.
useReconFetchServer();

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

  it('recon.filePattern with dated folders over SFTP; a month folder not made yet is exit 6', async () => {
    mkdirSync(path.join(root, '2026', '01'), { recursive: true });
    copyFileSync(
      path.join(root, `DZ_${BUSINO}_20260102.zip`),
      path.join(root, '2026', '01', `DZ_${BUSINO}_20260102.zip`),
    );
    const { ctx, reconDir } = setup(plain(), true, '{yyyy}/{MM}/DZ_{busino}_{date}.zip');
    const { files } = await fetchJson(ctx, { date: '20260102' });
    expect(files[0]).toMatchObject({
      status: 'saved',
      fromZip: true,
      path: path.join(reconDir, `DZ_${BUSINO}_20260102.csv`),
    });
    expect(files[0]?.sha256).toBe(sha(expected.get(reconFileName(BUSINO, '20260102', false)) as Buffer));
    const later = await fetchJson(ctx, { date: '20260102' });
    expect(later.files[0]?.status).toBe('skipped');
    const err = await run(ctx, { args: [], opts: { date: '20260301' } }).then(
      () => undefined,
      (e: ImpError) => e,
    );
    expect(err?.exitCode).toBe(ExitCode.notYet);
    expect(err?.message).toContain(`/2026/03/DZ_${BUSINO}_20260301`);
  });
});

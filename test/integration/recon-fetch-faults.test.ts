import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { run } from '../../src/commands/recon/fetch.js';
import type { ResolvedProfile } from '../../src/config/types.js';
import { ExitCode } from '../../src/core/exit-codes.js';
import { fetchReconFiles } from '../../src/recon/fetch/index.js';
import {
  BUSINO,
  failure,
  fetchJson,
  plain,
  root,
  setup,
  sftpServer,
  sftpSettings,
  sha,
  useReconFetchServer,
  work,
  ZIP_PASSWORD,
} from './recon-fetch-harness.js';

// What fetch refuses or survives: a missing day, wrong passwords, host-key pinning, a dropped
// connection and an unreachable server.
useReconFetchServer();

describe('imp recon fetch', () => {
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
    expect(err.message).toContain(sftpServer().hostKeyFingerprint);
    expect(err.hints.join('\n')).toContain(`"hostKey": "${sftpServer().hostKeyFingerprint}"`);
    expect(readdirSync(reconDir)).toEqual([]);
    const pinned = await fetchJson(ctx, { date: '20260103', acceptNewHostKey: true });
    expect(pinned.files[0]?.status).toBe('saved');
    const config = JSON.parse(readFileSync(configPath, 'utf8'));
    expect(config.profiles.t.sftp.hostKey).toBe(sftpServer().hostKeyFingerprint);
  });

  it('a wrong pinned host key: exit 2 naming both fingerprints, nothing fetched', async () => {
    const other = 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    const { ctx, reconDir } = setup(plain({ hostKey: other }));
    const err = await failure(run(ctx, { args: [], opts: { date: '20260103', acceptNewHostKey: true } }));
    expect(err.exitCode).toBe(ExitCode.usage);
    expect(err.message).toContain(other);
    expect(err.message).toContain(sftpServer().hostKeyFingerprint);
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
      const up = connect(sftpServer().port, '127.0.0.1');
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

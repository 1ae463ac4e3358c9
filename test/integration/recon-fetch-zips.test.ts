import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/commands/recon/fetch.js';
import { ExitCode } from '../../src/core/exit-codes.js';
import { runImpMeasured } from '../helpers/cli.js';
import { craftZip, deflatedEntry, zerosEntry } from '../helpers/zip-craft.js';
import {
  BUSINO,
  failure,
  fetchJson,
  plain,
  root,
  setup,
  useReconFetchServer,
} from './recon-fetch-harness.js';

// Zips from outside (issue 12): bombs, lying headers, entries outside the folder, non-zips,
// wrong passwords: exit 2 naming the file, nothing left behind; leftovers of killed runs removed.
useReconFetchServer();

const MiB = 1024 * 1024;
const zipName = (date: string) => `DZ_${BUSINO}_${date}.zip`;
const csvName = (date: string) => `DZ_${BUSINO}_${date}.csv`;
const serveZip = (date: string, zip: Buffer) => writeFileSync(path.join(root, zipName(date)), zip);

/** Set `recon.limits` in the case's config file. */
function withLimits(configPath: string, limits: Record<string, number>) {
  const config = JSON.parse(readFileSync(configPath, 'utf8'));
  config.profiles.t.recon.limits = limits;
  writeFileSync(configPath, JSON.stringify(config, null, 2));
}

describe('imp recon fetch: zips from outside', () => {
  it('a zip bomb (1 GiB of zeros in 1 MiB) is refused before a byte is written; figures printed', async () => {
    serveZip('20260210', craftZip([zerosEntry(csvName('20260210'), 1024, 1024 * MiB - 1)]));
    const { configPath, dir, reconDir } = setup(plain());
    const r = await runImpMeasured(['recon', 'fetch', '-c', configPath, '-p', 't', '--date', '20260210'], {
      cwd: dir,
    });
    console.log(
      `zip bomb, 1 GiB declared in ${readFileSync(path.join(root, zipName('20260210'))).length} B: refused in ${r.ms} ms, peak RSS ${r.peakMiB} MiB`,
    );
    expect(r.code).toBe(ExitCode.usage);
    expect(r.stderr).toContain(`/${zipName('20260210')}: refused`);
    expect(r.stderr).toMatch(/inflates \d+ to 1, over recon\.limits\.zipRatio \(100\)/);
    expect(readdirSync(reconDir)).toEqual([]);
  }, 60_000);

  it('ratio allowed: 256 MiB extracts in bounded memory; past zipEntryBytes or zipTotalBytes it is refused', async () => {
    serveZip('20260211', craftZip([zerosEntry(csvName('20260211'), 256)]));
    const { configPath, dir, reconDir } = setup(plain());
    withLimits(configPath, { zipRatio: 1_000_000, zipTotalBytes: 300 * MiB });
    // declared 256 MiB fits 300 MiB; a second run of the same zip in one fetch would not
    const before = await runImpMeasured(
      ['recon', 'fetch', '-c', configPath, '-p', 't', '--date', '20260211', '--json'],
      { cwd: dir, timeoutMs: 120_000 },
    );
    expect(before.code).toBe(0);
    withLimits(configPath, { zipRatio: 1_000_000, zipEntryBytes: 64 * MiB });
    const refused = await runImpMeasured(
      ['recon', 'fetch', '-c', configPath, '-p', 't', '--date', '20260211', '--force'],
      { cwd: dir },
    );
    expect(refused.code).toBe(ExitCode.usage);
    expect(refused.stderr).toMatch(
      /declares 268435456 bytes, over recon\.limits\.zipEntryBytes \(67108864\)/,
    );
    withLimits(configPath, { zipRatio: 1_000_000, zipTotalBytes: 128 * MiB });
    const total = await runImpMeasured(
      ['recon', 'fetch', '-c', configPath, '-p', 't', '--date', '20260211', '--force'],
      { cwd: dir },
    );
    expect(total.code).toBe(ExitCode.usage);
    expect(total.stderr).toMatch(/declare 268435456 bytes in all, over recon\.limits\.zipTotalBytes/);
    console.log(
      `256 MiB of zeros extracted under raised limits: ${before.ms} ms, peak RSS ${before.peakMiB} MiB`,
    );
    expect(before.peakMiB).toBeLessThan(200);
    expect(readdirSync(reconDir)).toEqual([csvName('20260211')]);
  }, 180_000);

  it('a header that lies about its size is stopped at the size it declares', async () => {
    serveZip('20260212', craftZip([zerosEntry(csvName('20260212'), 64, 2 * MiB)]));
    const { ctx, configPath, reconDir } = setup(plain());
    withLimits(configPath, { zipRatio: 1_000_000 });
    const err = await failure(run(ctx, { args: [], opts: { date: '20260212' } }));
    expect(err.exitCode).toBe(ExitCode.usage);
    // zip.js stops at the declared size itself; imp's own count is the second line of defence
    expect(err.message).toMatch(
      new RegExp(
        `${zipName('20260212')}: (refused: its entry .* inflates past the 2097152 bytes|corrupt zip)`,
      ),
    );
    expect(err.message).not.toContain('\n');
    expect(readdirSync(reconDir)).toEqual([]);
  });

  it('an entry that would land outside the folder (../../x): exit 2 naming the file', async () => {
    const csv = Buffer.from('1,1.00,1.00\r\n');
    serveZip('20260213', craftZip([deflatedEntry(`../../${csvName('20260213')}`, csv)]));
    const { ctx, reconDir } = setup(plain());
    const err = await failure(run(ctx, { args: [], opts: { date: '20260213' } }));
    expect(err.exitCode).toBe(ExitCode.usage);
    expect(err.message).toContain(zipName('20260213'));
    expect(err.message).toContain('would land outside the target folder: "../../');
    expect(readdirSync(reconDir)).toEqual([]);
  });

  it('a .zip that is no zip: exit 2 naming the file', async () => {
    serveZip('20260214', Buffer.from('<html>404 Not Found</html>\n'));
    const { ctx, reconDir } = setup(plain());
    const err = await failure(run(ctx, { args: [], opts: { date: '20260214' } }));
    expect(err.exitCode).toBe(ExitCode.usage);
    expect(err.message).toMatch(new RegExp(`${zipName('20260214')}: not a zip file`));
    expect(readdirSync(reconDir)).toEqual([]);
  });

  it('a wrong password: exit 2 naming the file', async () => {
    const { ctx } = setup(plain({ zipPassword: 'wrong-password-1' }));
    const err = await failure(run(ctx, { args: [], opts: { date: '20260101' } }));
    expect(err.exitCode).toBe(ExitCode.usage);
    expect(err.message).toContain(`/${zipName('20260101')}: wrong zip password`);
  });

  it('temp files a killed fetch left are removed at the start of the next run, nothing else', async () => {
    const { ctx, reconDir } = setup(plain());
    const { mkdirSync } = await import('node:fs');
    mkdirSync(reconDir, { recursive: true });
    const leftovers = [`.${csvName('20251230')}.0badf00d.tmp`, `.${zipName('20251231')}.deadbeef.tmp`];
    const others = ['.report.csv.0badf00d.tmp', `.DZ_999_20251230.csv.0badf00d.tmp`];
    for (const n of [...leftovers, ...others]) writeFileSync(path.join(reconDir, n), 'x'.repeat(1000));
    const res = await fetchJson(ctx, { date: '20260103' });
    expect(res.exitCode).toBe(0);
    for (const n of leftovers) expect(existsSync(path.join(reconDir, n))).toBe(false);
    expect(readdirSync(reconDir).sort()).toEqual([...others, csvName('20260103')].sort());
  });
});

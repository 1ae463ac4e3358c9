import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImp } from '../helpers/cli.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'imp-recon-e2e-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const DAY = '20261124';
// every fixture payment has a fee of 0.01
const SETTLED: Record<string, string> = { '1.00': '0.99', '2.00': '1.99' };
const detail = (orderno: string, yuan: string, time = `${DAY}101010`) =>
  `T${orderno},S${orderno},${orderno},${time},0,,${yuan},${SETTLED[yuan]},,,,,0.01,,订单,00081,`;

async function put(name: string, text: string, gbk = false) {
  const path = join(dir, name);
  await writeFile(path, gbk ? iconv.encode(text, 'gbk') : text);
  return path;
}

describe('imp recon check (CLI)', () => {
  it('exits 0 on a clean GBK file', async () => {
    const bank = await put(
      `DZ_9_${DAY}.csv`,
      `2,3.00,2.98\r\n${detail('E1', '1.00')}\r\n${detail('E2', '2.00')}\r\n`,
      true,
    );
    const ledger = await put(
      'ok.csv',
      'type,orderno,refundno,amount,status\npay,E1,,100,success\npay,E2,,200,success\n',
    );
    const r = await runImp(['recon', 'check', bank, '--ledger', ledger]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('clean: no differences');
    expect(r.stdout).toContain('gbk');
  });

  it('exits 5 on differences, with --json and --report listing every one', async () => {
    const bank = await put(
      `DZ_9_${DAY}_diff.csv`,
      `2,3.00,2.98\r\n${detail('E1', '1.00')}\r\n${detail('E2', '2.00')}\r\n`,
    );
    const ledger = await put(
      'diff.csv',
      'type,orderno,refundno,amount,status\npay,E1,,100,success\npay,E3,,300,success\n',
    );
    const report = join(dir, 'report.csv');
    const r = await runImp([
      '--json',
      'recon',
      'check',
      bank,
      '--ledger',
      ledger,
      '--report',
      report,
      '--window',
      '0',
    ]);
    expect(r.code).toBe(5);
    const doc = JSON.parse(r.stdout);
    expect(doc.ok).toBe(false);
    expect(doc.summary.differences).toBe(2);
    expect(doc.differences.map((d: { class: string; orderno: string }) => [d.class, d.orderno])).toEqual([
      ['platform_missing', 'E2'],
      ['bank_missing', 'E3'],
    ]);
    expect(doc.differences[0].bank).toMatchObject({ orderno: 'E2', amount: 200, fee: 1, line: 3 });
    expect(doc.differences[0].ledger).toBeNull();
    const csv = (await readFile(report, 'utf8'))
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(csv).toHaveLength(3);
    expect(csv[0]).toMatch(/^class,label,type,orderno/);
    expect(csv[1]).toMatch(/^platform_missing,平台漏单.*,pay,E2,,3,/);

    // the JSON report is the --json document, written piecewise
    const reportJson = join(dir, 'report.json');
    const again = await runImp([
      '--json',
      'recon',
      'check',
      bank,
      '--ledger',
      ledger,
      '--report',
      reportJson,
      '--window',
      '0',
    ]);
    expect(JSON.parse(await readFile(reportJson, 'utf8'))).toEqual(JSON.parse(again.stdout));
    const badName = await runImp([
      'recon',
      'check',
      bank,
      '--ledger',
      ledger,
      '--report',
      join(dir, 'r.txt'),
    ]);
    expect(badName.code).toBe(2);
    expect(badName.stderr).toMatch(/\.csv or \.json/);

    const human = await runImp(['--lang', 'zh', 'recon', 'check', bank, '--ledger', ledger, '--window', '0']);
    expect(human.code).toBe(5);
    expect(human.stdout).toContain('平台漏单');
    expect(human.stdout).toContain('银行漏单');
  });

  it('exits 2 with one line for a missing file or a file that is not a reconciliation file', async () => {
    const missing = await runImp(['recon', 'check', join(dir, 'DZ_9_none.csv')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')[0]).toMatch(/DZ_9_none\.csv: no such file/);
    const notRecon = await put('notes.csv', 'hello,world\nthis,is,not,it\n');
    const bad = await runImp(['recon', 'check', notRecon]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/notes\.csv:1: not a reconciliation file/);
    const json = await runImp(['--json', 'recon', 'check', notRecon]);
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: false,
      exitCode: 2,
      error: { code: 'RECON_NOT_A_FILE' },
    });
  });

  it('checks the file against itself without a ledger, and marks intraday files informational', async () => {
    const bank = await put(
      `tmp_DZ_9_${DAY}.csv`,
      `3,3.00,2.98\r\n${detail('E1', '1.00')}\r\n${detail('E2', '2.00')}\r\n`,
    );
    const r = await runImp(['recon', 'check', bank]);
    expect(r.code).toBe(5);
    expect(r.stdout).toContain('intraday file: informational only');
    expect(r.stdout).toMatch(/summary count: 3 ≠ 2/);
    expect(r.stderr).toContain('self-check only');
  });
});

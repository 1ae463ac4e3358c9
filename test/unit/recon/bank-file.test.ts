import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImpError } from '../../../src/core/errors.js';
import type { BankRow } from '../../../src/recon/bank-columns.js';
import { BANK_DETAIL_COLUMNS, bankRowToFields, parseBankFields } from '../../../src/recon/bank-columns.js';
import { type BankProblem, openBankFile, streamBankRows } from '../../../src/recon/bank-file.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'imp-recon-bank-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const SUMMARY_HEADER = '处理成功总笔数,交易总金额,清算总金额';
const DETAIL_HEADER = BANK_DETAIL_COLUMNS.map((c) => c.label.zh).join(',');
// two payments and a refund; 订单详情 in Chinese so GBK and UTF-8 differ on disk
const DETAILS = [
  'T1,S1,O1,20261124101010,0,oUpF8u,12.30,12.23,,,,,0.07,,咖啡一杯,00081,',
  'T2,S2,O2,20261124111010,0,,0.01,0.01,,,,,0.00,,"含,逗号",00091,',
  'T3,S3,O1,20261124121010,1,oUpF8u,-2.30,-2.29,,,,,-0.01,,退款,00081,R1',
];
const SUMMARY = '3,10.01,9.95';

async function write(name: string, lines: string[], encoding: 'utf8' | 'utf8-bom' | 'gbk', eol = '\r\n') {
  const text = lines.join(eol) + eol;
  const bytes =
    encoding === 'gbk'
      ? iconv.encode(text, 'gbk')
      : Buffer.from(encoding === 'utf8-bom' ? `\uFEFF${text}` : text, 'utf8');
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}

async function readAll(path: string) {
  const info = await openBankFile(path);
  const rows: BankRow[] = [];
  const problems: BankProblem[] = [];
  const totals = await streamBankRows(
    info,
    (r) => rows.push(r),
    (p) => problems.push(p),
  );
  return { info, rows, problems, totals };
}

describe('bank file reader', () => {
  const layouts = {
    'no header': [SUMMARY, ...DETAILS],
    'detail header': [SUMMARY, DETAIL_HEADER, ...DETAILS],
    'both headers': [SUMMARY_HEADER, SUMMARY, DETAIL_HEADER, ...DETAILS],
  } as const;
  for (const encoding of ['utf8', 'utf8-bom', 'gbk'] as const) {
    for (const [layout, lines] of Object.entries(layouts)) {
      it(`reads ${encoding} with ${layout}`, async () => {
        const path = await write(
          `DZ_448437020000010_20261124_${encoding}_${layout.replace(' ', '-')}.csv`,
          [...lines],
          encoding,
        );
        const { info, rows, problems, totals } = await readAll(path);
        expect(info.encoding).toBe(encoding);
        expect(info.summary).toEqual({ count: 3, total: 1001, settled: 995 });
        expect(problems).toEqual([]);
        expect(
          rows.map((r) => [r.orderno, r.type, r.amount, r.settled, r.fee, r.orderDesc, r.refundno]),
        ).toEqual([
          ['O1', 'pay', 1230, 1223, 7, '咖啡一杯', ''],
          ['O2', 'pay', 1, 1, 0, '含,逗号', ''],
          ['O1', 'refund', -230, -229, -1, '退款', 'R1'],
        ]);
        // line numbers are the file's, headers included
        const offset = lines.length - DETAILS.length;
        expect(rows.map((r) => r.line)).toEqual([offset + 1, offset + 2, offset + 3]);
        expect(info.headerLines.length).toBe(offset - 1);
        expect(totals).toMatchObject({ details: 3, amount: 1001, settled: 995, fee: 6, malformed: 0 });
        expect(totals.pays).toEqual({ count: 2, amount: 1231 });
        expect(totals.refunds).toEqual({ count: 1, amount: -230 });
      });
    }
  }

  it('takes the day from the name and marks tmp_DZ_ files intraday', async () => {
    const end = await openBankFile(await write('DZ_1_20261124.csv', [SUMMARY, ...DETAILS], 'utf8'));
    expect(end).toMatchObject({ date: '20261124', intraday: false });
    const intra = await openBankFile(await write('tmp_DZ_1_20261125.csv', [SUMMARY, ...DETAILS], 'utf8'));
    expect(intra).toMatchObject({ date: '20261125', intraday: true });
    const renamed = await openBankFile(await write('bank.csv', [SUMMARY, ...DETAILS], 'utf8', '\n'));
    expect(renamed.date).toBe('20261124');
  });

  it('accepts a summary line padded with empty columns', async () => {
    const path = await write('DZ_1_20261124_pad.csv', [`${SUMMARY},,,,,,,,,,,,,,`, ...DETAILS], 'utf8');
    const { info, rows } = await readAll(path);
    expect(info.summary).toEqual({ count: 3, total: 1001, settled: 995 });
    expect(rows).toHaveLength(3);
  });

  it('reports malformed lines with their numbers and goes on', async () => {
    const path = await write(
      'DZ_1_20261124_bad.csv',
      [
        '5,10.01,9.95',
        DETAILS[0]!,
        'T9,S9,O9,20261124101010,0,,12.3x,12.23,,,,,0.07,,,00081,',
        'T8,S8,O8,20261124101010,0,,1.00',
        '',
        'T7,S7,O7,20261331101010,0,,1.00,1.00,,,,,0.00,,,00081,',
        DETAILS[1]!,
        DETAILS[2]!,
      ],
      'utf8',
    );
    const { rows, problems, totals } = await readAll(path);
    expect(rows.map((r) => r.line)).toEqual([2, 7, 8]);
    expect(problems.map((p) => p.line)).toEqual([3, 4, 6]);
    expect(problems[0]!.reason).toMatch(/amount.*12\.3x/);
    expect(problems[1]!.reason).toMatch(/expected 17 columns, found 7/);
    expect(problems[2]!.reason).toMatch(/time.*20261331101010/);
    expect(totals).toMatchObject({ details: 6, malformed: 3, amount: 1001 });
  });

  it('reports a bad quote as a malformed line', async () => {
    const path = await write(
      'DZ_1_20261124_quote.csv',
      [SUMMARY, DETAILS[0]!, 'T5,"S5,O5', DETAILS[1]!],
      'utf8',
    );
    const { problems } = await readAll(path);
    // an unclosed quote runs to the end of the file: reported from the line it opens on
    expect(problems).toHaveLength(1);
    expect(problems[0]!.line).toBe(3);
    expect(problems[0]!.reason).toMatch(/quote/i);
  });

  it('refuses a file that is not a reconciliation file, naming the file and line', async () => {
    const ledger = await write('ledger.csv', ['type,orderno,amount', 'pay,O1,100'], 'utf8');
    const err = await openBankFile(ledger).catch((e) => e);
    expect(err).toBeInstanceOf(ImpError);
    expect(err.exitCode).toBe(2);
    expect(err.message).toMatch(/ledger\.csv:2: not a reconciliation file/);
    const missing = await openBankFile(join(dir, 'nope.csv')).catch((e) => e);
    expect(missing.exitCode).toBe(2);
    expect(missing.message).toMatch(/nope\.csv: no such file/);
    const folder = await openBankFile(dir).catch((e) => e);
    expect([folder.exitCode, folder.message]).toEqual([2, `${dir}: is a directory`]);
    const empty = await openBankFile(await write('empty.csv', [''], 'utf8')).catch((e) => e);
    expect(empty.message).toMatch(/empty/);
  });

  it('parses detail fields into 分 exactly and round-trips them', () => {
    const fields = DETAILS[0]!.split(',');
    const row = parseBankFields(fields, 9);
    expect(typeof row).toBe('object');
    expect(bankRowToFields(row as BankRow)).toEqual(fields.map((f) => (f === '12.30' ? '12.30' : f)));
    expect(parseBankFields(['T', 'S', 'O', '20261124101010', '2', ...Array(12).fill('')], 1)).toMatch(/type/);
    expect(
      parseBankFields(
        ['T', '', 'O', '20261124101010', '0', '', '1', '1', '', '', '', '', '0', '', '', '', ''],
        1,
      ),
    ).toMatch(/impTradeno.*empty/);
  });
});

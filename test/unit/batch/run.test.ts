import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellFen } from '../../../src/batch/csv-input.js';
import { type BatchSpec, batchExitCode, type RowResult, runBatch } from '../../../src/batch/run.js';
import { rowOutcomeOf } from '../../../src/batch/summary.js';
import { loadProfile } from '../../../src/config/load.js';
import type { ResolvedProfile } from '../../../src/config/types.js';
import { UsageError } from '../../../src/core/errors.js';
import { ExitCode } from '../../../src/core/exit-codes.js';
import { t } from '../../../src/output/i18n.js';
import { Output } from '../../../src/output/output.js';
import { generateOrderNo } from '../../../src/protocol/ids.js';
import { queryPayment } from '../../../src/txn/queries.js';
import { sendTxn } from '../../../src/txn/send.js';
import { openTxnSession, type TxnSession } from '../../../src/txn/session.js';
import { qrOrder, startTestSandbox, type TestSandbox } from '../../helpers/sandbox.js';
import { sink } from '../../helpers/sink.js';

// runBatch over the real sandbox: the whole file checked before anything is sent, every row's
// query sent with bounded concurrency, a report of counts and problem rows, the result file in
// the file's order.
let sb: TestSandbox;
let profile: ResolvedProfile;
let session: TxnSession;
/** A platform that takes the request and never answers: a query to it ends unknown. */
let silent: Server;
let silentSession: TxnSession;
const out = () =>
  new Output({ json: false, lang: 'en', streams: { stdout: sink().stream, stderr: sink().stream } });

beforeAll(async () => {
  sb = await startTestSandbox({ autoPayAfterMs: 60_000, profile: { http: { timeoutMs: 800 } } });
  profile = await loadProfile({ configPath: sb.configPath, profile: 'sandbox', env: {}, cwd: sb.root });
  session = openTxnSession({ out: out(), profile, verbose: false, imp: 'imp' });
  silent = createServer(() => {});
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  const { port } = silent.address() as AddressInfo;
  silentSession = openTxnSession({
    out: out(),
    profile: { ...profile, baseUrl: profile.baseUrl.replace(/:\d+/, `:${port}`) },
    verbose: false,
    imp: 'imp',
  });
});
afterAll(async () => {
  silent?.closeAllConnections();
  await new Promise<void>((r) => (silent ? silent.close(() => r()) : r()));
  await sb?.close();
});

/** A qrcode order on the sandbox; the amount's last two digits pick what becomes of it. */
async function order(amountFen: number): Promise<string> {
  const fields = qrOrder(amountFen);
  await sendTxn(session, 'qrcode', { fields });
  return fields.orderno;
}

/** A payment-query batch over `orderno,amount_fen`; rows whose order is `hang` go to the silent platform. */
function querySpec(calls: string[]): BatchSpec {
  return {
    label: t('查询', 'queries'),
    columns: [
      { name: 'orderno', required: true },
      { name: 'amount_fen', required: true },
    ],
    resultColumns: ['line', 'orderno', 'outcome', 'state', 'respcode', 'error'],
    check: (row) => cellFen('rows.csv', row, 'amount_fen'),
    key: (row) => row.values.orderno ?? '',
    async process(row): Promise<RowResult> {
      const orderno = row.values.orderno as string;
      calls.push(orderno);
      const s = orderno === 'hang' ? silentSession : session;
      const o = await queryPayment(
        s,
        { orderno: orderno === 'hang' ? generateOrderNo() : orderno },
        { retries: 0 },
      );
      return {
        line: row.line,
        orderno,
        outcome: rowOutcomeOf(o.state),
        state: o.state,
        respcode: o.respcode,
      };
    },
  };
}

function csv(name: string, rows: string[][]): string {
  const file = path.join(sb.root, name);
  writeFileSync(file, ['orderno,amount_fen', ...rows.map((r) => r.join(','))].join('\n'));
  return file;
}

describe('runBatch', () => {
  it('runs every row and reports counts, amounts, problem rows by line and the result file in file order', async () => {
    const paid = [await order(101), await order(101), await order(101)];
    const waiting = await order(102);
    const failed = await order(103);
    const rows = [
      [paid[0], '101'],
      ['hang', '7'],
      [waiting, '102'],
      [paid[1], '101'],
      [failed, '103'],
      ['bad order', '5'],
      [paid[2], '101'],
    ] as [string, string][];
    const file = csv('rows.csv', rows);
    const resultFile = path.join(sb.root, 'results.csv');
    const calls: string[] = [];
    const report = await runBatch(out(), file, { concurrency: 4, out: resultFile }, querySpec(calls));
    if (report.dryRun) throw new Error('not a dry run');
    expect(report).toMatchObject({ file, rows: 7, total: 101 * 3 + 7 + 102 + 103 + 5, resultFile });
    expect([...calls].sort()).toEqual(rows.map((r) => r[0]).sort());
    expect(report.summary.counts).toEqual({
      success: 3,
      pending: 1,
      failure: 1,
      unknown: 1,
      refused: 1,
      skipped: 0,
    });
    // the problem rows, by line (header is line 1): hang (3), failed (6), bad order (7)
    expect(report.problems.map((p) => [p.line, p.outcome])).toEqual([
      [3, 'unknown'],
      [6, 'failure'],
      [7, 'refused'],
    ]);
    expect(report.problems[2]?.error).toMatch(/orderno/);
    expect(batchExitCode(report.summary)).toBe(ExitCode.unknown);
    // whatever order the rows finished in, the result file follows the input file
    const written = readFileSync(resultFile, 'utf8').trim().split('\n');
    expect(written[0]).toBe('line,orderno,outcome,state,respcode,error');
    expect(written.slice(1).map((l) => l.split(',')[1])).toEqual(rows.map((r) => r[0]));
  });

  it('--dry-run checks the whole file and sends nothing', async () => {
    const file = csv('dry.csv', [
      [generateOrderNo(), '180'],
      [generateOrderNo(), '20'],
    ]);
    const calls: string[] = [];
    let started = false;
    const spec = {
      ...querySpec(calls),
      beforeStart: async () => {
        started = true;
      },
    };
    const report = await runBatch(out(), file, { dryRun: true }, spec);
    expect(report).toEqual({ file, rows: 2, total: 200, dryRun: true });
    expect(calls).toEqual([]);
    expect(started).toBe(false);
  });

  it('a bad row stops the batch before anything is sent, naming its line', async () => {
    const file = csv('bad.csv', [
      [generateOrderNo(), '180'],
      [generateOrderNo(), '1.80'],
    ]);
    const calls: string[] = [];
    const err = await runBatch(out(), file, {}, querySpec(calls)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).message).toMatch(/rows\.csv:3: amount_fen '1\.80'/);
    expect(calls).toEqual([]);
  });

  it('an all-final batch exits 0; one failure, 1', async () => {
    const ok = await runBatch(out(), csv('ok.csv', [[await order(101), '101']]), {}, querySpec([]));
    if (ok.dryRun) throw new Error('not a dry run');
    expect(batchExitCode(ok.summary)).toBe(ExitCode.ok);
    const no = await runBatch(out(), csv('no.csv', [[await order(103), '103']]), {}, querySpec([]));
    if (no.dryRun) throw new Error('not a dry run');
    expect(batchExitCode(no.summary)).toBe(ExitCode.business);
  });
});

import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../../../src/catalogue/index.js';
import { runCommand } from '../../../../src/cli/run.js';
import { UsageError } from '../../../../src/core/errors.js';
import { sink } from '../../../helpers/sink.js';

/** `imp fields <argv…>` through runCommand, as the binary runs it; throws what the command threw. */
async function fields(argv: string[]) {
  const stdout = sink();
  const stderr = sink();
  const r = await runCommand(
    argv.includes('--lang') ? ['fields', ...argv] : ['--lang', 'en', 'fields', ...argv],
    {
      env: { NO_COLOR: '1' },
      streams: { stdout: stdout.stream, stderr: stderr.stream, stdin: { isTTY: false } },
    },
  );
  if (r.error !== undefined) throw r.error;
  return { result: { json: r.json }, out: stdout.text() };
}

describe('imp fields', () => {
  it('lists the eight transactions with path, trtype, subcode and section', async () => {
    const { out, result } = await fields([]);
    for (const txn of Object.values(CATALOGUE)) {
      const line = out.split('\n').find((l) => l.includes(` ${txn.name} `) && l.includes(txn.path));
      expect(line, txn.name).toBeDefined();
      expect(line).toContain(txn.trtype);
      expect(line).toContain(txn.spec);
    }
    const list = result.json as { name: string }[];
    expect(list.map((x) => x.name)).toEqual([
      'pay',
      'qrcode',
      'scan',
      'wechat',
      'refund',
      'refundquery',
      'query',
      'close',
    ]);
  });

  it('prints a transaction request table in English', async () => {
    const { out } = await fields(['refund']);
    expect(out).toContain('busRefund.do');
    const opertype = out.split('\n').find((l) => l.includes(' opertype '));
    expect(opertype).toContain('char(1)');
    expect(opertype).toContain('operation type');
    expect(out).toContain('2 refund (partial, several allowed)');
    expect(out).not.toContain('Answer fields');
    expect(out).not.toContain('refund_status');
  });

  it('prints Chinese labels with --lang zh, and answer, notification and status tables with --answer', async () => {
    const { out } = await fields(['pay', '--answer', '--lang', 'zh']);
    expect(out).toContain('订单主题');
    expect(out).toContain('同步应答字段');
    expect(out).toContain('异步通知字段');
    expect(out).toContain('settle_amt');
    expect(out).toContain('支付申请受理成功');
    expect(out).toContain('通知状态');
  });

  it('gives the TxnDef as JSON', async () => {
    const { result } = await fields(['close', '--json']);
    expect(result.json).toEqual(JSON.parse(JSON.stringify(CATALOGUE.close)));
  });

  it('names the valid transactions for an unknown one', async () => {
    const err = await fields(['refunds']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toContain('refundquery');
    expect((err as UsageError).exitCode).toBe(2);
  });
});

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Journal } from '../../src/journal/index.js';
import { IMP_BIN } from '../helpers/cli.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { until } from '../helpers/wait.js';

// Every payment trigger of the sandbox ends in the documented exit code and a journal entry.
let sb: TestSandbox;
const journal = () => new Journal(join(sb.root, 'journal', 'sandbox.jsonl'), 'sandbox');
let seq = 0;
const order = () => `f${Date.now()}${seq++}`;

beforeAll(async () => {
  sb = await startTestSandbox({
    slowAnswerMs: 8000,
    autoPayAfterMs: 60_000,
    profile: { returnUrl: 'http://127.0.0.1:9/return', http: { timeoutMs: 2500, connectTimeoutMs: 2500 } },
  });
});
afterAll(async () => {
  await sb?.close();
});

async function pay(amount: string, more: string[] = []) {
  const no = order();
  const r = await sb.runCli([
    '--json',
    'pay',
    '--order',
    no,
    '--amount',
    amount,
    '--title',
    'T',
    '--desc',
    'D',
    ...more,
  ]);
  const [entry] = await journal().find({ orderno: no });
  return { no, r, doc: JSON.parse(r.stdout || '{}'), entry };
}

describe('payment triggers and faults', () => {
  it.each([
    ['1.04', 'delay (answer past the client timeout)'],
    ['1.05', 'drop (connection closed, no answer)'],
    ['1.07', 'HTTP 500'],
  ])('%s %s → exit 3, the query command to run, journal unknown', async (amount) => {
    const { no, r, doc, entry } = await pay(amount);
    expect(r.code, r.stderr).toBe(3);
    expect(doc).toMatchObject({ ok: false, exitCode: 3, orderno: no });
    expect(doc.hints.join('\n')).toContain(`imp -c ${sb.env.IMP_CONFIG} -p sandbox query ${no}`);
    expect(entry).toMatchObject({
      txn: 'pay',
      state: 'unknown',
      finished: true,
      amount: Number(amount.replace('.', '')),
    });
    expect(entry?.serialno).toBe(doc.serialno);
  });

  it('a dropped answer is settled by the printed query command', async () => {
    const { no, r } = await pay('2.05');
    expect(r.code).toBe(3);
    const q = await sb.runCli(['--json', '--debug', 'query', no]);
    expect(q.code, q.stderr).toBe(0);
    expect(JSON.parse(q.stdout)).toMatchObject({ state: 'success', status: { value: '0' } });
    const [entry] = await journal().find({ orderno: no });
    expect(entry?.state).toBe('success');
    expect(entry?.history.map((h) => h.source)).toEqual(['send', 'query']);
  });

  it('1.06 bad signature → exit 4, says the outcome is unknown, journal unknown', async () => {
    const { no, r, doc, entry } = await pay('1.06');
    expect(r.code).toBe(4);
    expect(doc.error.message).toContain('outcome is unknown');
    expect(doc.orderno).toBe(no);
    expect(entry).toMatchObject({ state: 'unknown' });
    expect(entry?.outcome?.error).toContain('signature');
  });

  it('--lang zh: the outcome-unknown words and hints are Chinese on screen and in --json, the commands as printed', async () => {
    const no = order();
    const args = ['pay', '--order', no, '--amount', '1.06', '--title', 'T', '--desc', 'D'];
    const r = await sb.runCli(['--lang', 'zh', ...args]);
    expect(r.code, r.stderr).toBe(4);
    expect(r.stderr).toContain('错误: 应答签名验证失败：结果未知，不可信任应答中的任何字段');
    expect(r.stderr).toContain('该请求可能已被处理，也可能没有。不要用新单号重发，先查询：');
    expect(r.stderr).toContain(`  imp -c ${sb.env.IMP_CONFIG} -p sandbox query ${no}`);
    expect(r.stderr).toContain(
      `或 imp -c ${sb.env.IMP_CONFIG} -p sandbox journal resolve（查询所有未决请求）`,
    );
    expect(r.stderr).toContain('检查配置的平台公钥（platformKeys / certid）');
    const j = await sb.runCli(['--lang', 'zh', '--json', ...args.map((a) => (a === no ? order() : a))]);
    const doc = JSON.parse(j.stdout);
    expect(doc.error.message).toBe('应答签名验证失败：结果未知，不可信任应答中的任何字段');
    expect(doc.hints[0]).toBe('该请求可能已被处理，也可能没有。不要用新单号重发，先查询：');
    // the journal keeps the English (its records are read by tools, not by the operator's language)
    const [entry] = await journal().find({ orderno: no });
    expect(entry?.outcome?.error).toBe('answer signature invalid');
  });

  it('1.08 refused → exit 1 with the verified failure; 1.03 failed payment → exit 1', async () => {
    const refused = await pay('1.08');
    expect(refused.r.code, refused.r.stderr).toBe(1);
    expect(refused.doc).toMatchObject({ ok: false, state: 'failure', verified: true });
    expect(refused.doc.respcode).not.toBe('00000');
    expect(refused.entry).toMatchObject({ state: 'failure', finished: true });
    expect(refused.entry?.outcome?.respcode).toBe(refused.doc.respcode);
    const failed = await pay('1.03', ['--wait', '10']);
    expect(failed.r.code, failed.r.stderr).toBe(1);
    expect(failed.doc).toMatchObject({ state: 'failure', status: { value: '4' } });
  });

  it('--wait that runs out is exit 3 naming the query; pending without --wait is exit 0', async () => {
    const { no, r, doc } = await pay('1.02', ['--wait', '2']);
    expect(r.code, r.stderr).toBe(3);
    expect(doc.error.code).toBe('WAIT_TIMEOUT');
    expect(doc.hints.join('\n')).toContain(`imp -c ${sb.env.IMP_CONFIG} -p sandbox query ${no}`);
    const plain = await pay('1.02');
    expect(plain.r.code).toBe(0);
    expect(plain.doc.state).toBe('pending');
  });

  it('a process killed after the journal line leaves an unsettled entry that a query settles', async () => {
    const no = order();
    const child = spawn(
      process.execPath,
      [IMP_BIN, 'pay', '--order', no, '--amount', '3.04', '--title', 'T', '--desc', 'D'],
      { cwd: sb.root, env: { ...process.env, ...sb.env, NO_COLOR: '1' }, stdio: 'ignore' },
    );
    const closed = new Promise((r) => child.on('close', r));
    // the sandbox holds the answer (delay trigger): kill once the order has reached it
    await until(() => sb.sandbox.order(no));
    expect(sb.sandbox.order(no)).toBeDefined();
    child.kill('SIGKILL');
    await closed;
    const [entry] = await journal().find({ orderno: no });
    expect(entry).toMatchObject({ txn: 'pay', state: 'unknown', finished: false, amount: 304 });
    const pending = await journal().pending();
    expect(pending.map((e) => e.orderno)).toContain(no);
    const q = await sb.runCli(['--debug', 'query', no]);
    expect(q.code, q.stderr).toBe(0);
    const [after] = await journal().find({ orderno: no });
    expect(after?.finished).toBe(true);
    expect(after?.state).toBe('pending'); // created, awaiting payment: no longer unknown
  });
});

import { createServer, type IncomingMessage, type Server } from 'node:http';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandResult } from '../../src/cli/kit/command.js';
import { createContext } from '../../src/cli/kit/context.js';
import { run as check } from '../../src/commands/recon/check.js';
import { run as fetch } from '../../src/commands/recon/fetch.js';
import { ExitCode } from '../../src/core/exit-codes.js';
import { cstParts } from '../../src/core/time.js';
import { alertTarget } from '../../src/recon/alert/target.js';
import { bankFile, D1, ledgerFile, scratchPath, useScratchDir } from '../helpers/recon-check.js';
import { failure, plain, setup, useReconFetchServer } from './recon-fetch-harness.js';

// Cron alerting (issue 16): recon check --alert and recon fetch --alert post a short summary to
// a chat robot; tested against a receiver on 127.0.0.1 that answers as each robot does.
useScratchDir();
useReconFetchServer();

interface Received {
  path: string;
  body: Record<string, unknown>;
}
let receiver: Server;
let base = '';
const received: Received[] = [];
/** What the receiver answers next (a robot's own error code, or an HTTP status). */
let answer: { status: number; body: string } = { status: 200, body: '{"errcode":0,"errmsg":"ok"}' };

beforeAll(async () => {
  receiver = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(receiver.address() as { port: number }).port}`;
});
afterAll(async () => {
  await new Promise((r) => receiver.close(r));
});

const WECOM_KEY = '693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa';
const FEISHU_TOKEN = 'c1d2e3f4-aaaa-bbbb-cccc-1234567890ab';

function ctx(json = false) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const c = createContext(
    { json, input: false, yes: false, verbose: false, debug: false, lang: 'en' },
    { env: { NO_COLOR: '1' }, cwd: scratchPath(), streams: { stdout, stderr, stdin: { isTTY: false } } },
  );
  const text = (s: PassThrough) => String(s.read() ?? '');
  return { c, out: () => text(stdout), err: () => text(stderr) };
}

/** A day with a short payment, a payment the ledger lacks and a matched one. */
async function dayWithDifferences() {
  const bank = await bankFile(`DZ_1_${D1}.csv`, [
    { orderno: 'A1', time: `${D1}100000`, amount: 10_000 },
    { orderno: 'A2', time: `${D1}110000`, amount: 2_550 },
    { orderno: 'A3', time: `${D1}120000`, amount: 700 },
  ]);
  const ledger = await ledgerFile(
    'alert-ledger.csv',
    ['type,orderno,refundno,amount,status', 'pay,A1,,9000,success', 'pay,A3,,700,success'].join('\n'),
  );
  return { bank, ledger };
}

async function runCheck(opts: Record<string, unknown>) {
  const { bank, ledger } = await dayWithDifferences();
  const io = ctx();
  const res = (await check(io.c, { args: [bank], opts: { ledger, window: '0', ...opts } })) as CommandResult;
  res.render?.(io.c.out);
  return { res, stdout: io.out(), stderr: io.err() };
}

describe('recon check --alert', () => {
  it('WeCom: counts per class with amounts in 元 and the report path; the key never shown', async () => {
    received.length = 0;
    const url = `${base}/cgi-bin/webhook/send?key=${WECOM_KEY}`;
    const report = scratchPath('diff.csv');
    const r = await runCheck({ alert: url, alertFormat: 'wecom', report });
    expect(r.res.exitCode).toBe(ExitCode.reconDiff);
    expect(received).toHaveLength(1);
    expect(received[0]!.path).toBe(`/cgi-bin/webhook/send?key=${WECOM_KEY}`);
    const body = received[0]!.body as { msgtype: string; text: { content: string } };
    expect(body.msgtype).toBe('text');
    const content = body.text.content;
    expect(content).toContain(`imp recon check DZ_1_${D1}.csv: 2 difference(s) (exit 5)`);
    expect(content).toContain('short: 1  (bank 100.00 yuan, ledger 90.00 yuan)');
    expect(content).toContain('platform missing: 1  (bank 25.50 yuan, ledger 0.00 yuan)');
    expect(content).toContain(`report: ${report}`);
    expect(r.stderr).toContain(`alert sent to ${base}/cgi-bin/webhook/send?key=••••`);
    expect(r.stdout + r.stderr).not.toContain(WECOM_KEY);
  });

  it('Feishu by host, and the generic JSON webhook: each in its own shape', async () => {
    expect(alertTarget(`https://open.feishu.cn/open-apis/bot/v2/hook/${FEISHU_TOKEN}`).format).toBe('feishu');
    expect(alertTarget('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k').format).toBe('wecom');
    expect(alertTarget('https://oapi.dingtalk.com/robot/send?access_token=t').format).toBe('dingtalk');
    expect(alertTarget(`https://open.feishu.cn/open-apis/bot/v2/hook/${FEISHU_TOKEN}`).shown).toBe(
      'https://open.feishu.cn/open-apis/bot/v2/hook/••••',
    );
    received.length = 0;
    answer = { status: 200, body: '{"code":0,"msg":"success"}' };
    const feishu = await runCheck({
      alert: `${base}/open-apis/bot/v2/hook/${FEISHU_TOKEN}`,
      alertFormat: 'feishu',
    });
    expect(feishu.stderr).toContain(`alert sent to ${base}/open-apis/bot/v2/hook/••••`);
    const f = received[0]!.body as { msg_type: string; content: { text: string } };
    expect(f.msg_type).toBe('text');
    expect(f.content.text).toContain('short: 1');
    expect(feishu.stdout + feishu.stderr).not.toContain(FEISHU_TOKEN);
    answer = { status: 204, body: '' };
    const json = await runCheck({ alert: `${base}/hooks/imp` });
    expect(json.stderr).toContain('alert sent to');
    const j = received[1]!.body as { source: string; exitCode: number; classes: Record<string, unknown> };
    expect(j).toMatchObject({ source: 'imp', command: 'recon check', exitCode: 5, differences: 2 });
    expect(j.classes).toEqual({
      platform_missing: { count: 1, bankYuan: '25.50', ledgerYuan: '0.00' },
      short: { count: 1, bankYuan: '100.00', ledgerYuan: '90.00' },
    });
  });

  it('a failed alert changes nothing but is said on stderr: robot error, receiver down', async () => {
    answer = { status: 200, body: '{"errcode":310000,"errmsg":"keywords not in content"}' };
    const token = 'dd0123456789abcdef0123456789abcdef';
    const refused = await runCheck({
      alert: `${base}/robot/send?access_token=${token}`,
      alertFormat: 'dingtalk',
    });
    expect(refused.res.exitCode).toBe(ExitCode.reconDiff);
    expect(refused.stderr).toContain('warning: alert not sent to');
    expect(refused.stderr).toContain('dingtalk answered 310000: keywords not in content');
    expect(refused.stdout + refused.stderr).not.toContain(token);
    answer = { status: 200, body: '{"errcode":0}' };

    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as { port: number }).port;
    await new Promise((r) => closed.close(r));
    const down = await runCheck({ alert: `http://127.0.0.1:${port}/cgi-bin/webhook/send?key=${WECOM_KEY}` });
    expect(down.res.exitCode).toBe(ExitCode.reconDiff);
    expect(down.stderr).toMatch(/alert not sent to .*key=••••: .*connection refused/);
    expect(down.stdout + down.stderr).not.toContain(WECOM_KEY);
  });

  it('a clean check posts nothing; a plain-http robot elsewhere is refused before the check', async () => {
    received.length = 0;
    const bank = await bankFile(`DZ_2_${D1}.csv`, [{ orderno: 'C1', time: `${D1}100000`, amount: 100 }]);
    const ledger = await ledgerFile(
      'clean.csv',
      'type,orderno,refundno,amount,status\npay,C1,,100,success\n',
    );
    const io = ctx();
    const res = (await check(io.c, {
      args: [bank],
      opts: { ledger, window: '0', alert: `${base}/hooks/x` },
    })) as CommandResult;
    expect(res.exitCode ?? 0).toBe(0);
    expect(received).toHaveLength(0);
    const err = await failure(
      check(ctx().c, {
        args: [bank],
        opts: { ledger, alert: `http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${WECOM_KEY}` },
      }),
    );
    expect(err.exitCode).toBe(ExitCode.usage);
    expect(err.message).toContain('only https://');
    expect(err.message).not.toContain(WECOM_KEY);
  });
});

describe('recon fetch --alert', () => {
  it('exit 6 past the deadline posts what is missing; before it, nothing', async () => {
    received.length = 0;
    const { ctx: c } = setup(plain(), true);
    const url = `${base}/cgi-bin/webhook/send?key=${WECOM_KEY}`;
    const err = await failure(
      fetch(c, { args: [], opts: { date: '20251231', alert: url, alertFormat: 'wecom', deadline: '00:00' } }),
    );
    expect(err.exitCode).toBe(ExitCode.notYet);
    expect(received).toHaveLength(1);
    const content = (received[0]!.body as { text: { content: string } }).text.content;
    expect(content).toContain('imp recon fetch: exit 6');
    expect(content).toContain('DZ_448422080620001_20251231');
    if (cstParts().time < '235800') {
      const { ctx: early } = setup(plain(), true);
      await failure(
        fetch(early, {
          args: [],
          opts: { date: '20251231', alert: url, alertFormat: 'wecom', deadline: '23:59' },
        }),
      );
      expect(received).toHaveLength(1);
    }
  });
});

import { existsSync } from 'node:fs';
import { cstParts } from '../../core/time.js';
import { type Text, t } from '../../output/i18n.js';
import type { DemoEnv, Invocation } from './env.js';

/** The amounts the demo moves (元, as an operator types them). */
export const DEMO_AMOUNTS = { pay: '0.10', refund: '0.03' } as const;

/** Identifiers fixed before the first step, so every step's command line can be shown in full. */
export interface DemoPlan {
  orderno: string;
  refundno: string;
  /** The order left unpaid and closed (step 7). */
  unpaidOrderno: string;
  /** The sandbox's "stays awaiting payment" trigger amount (元). */
  unpaidAmount: string;
  /** Today in Asia/Shanghai, yyyyMMdd: the bank's day of every order here. */
  date: string;
  title: string;
  desc: string;
}

/** What the steps learn as they go. */
export interface DemoState {
  transno?: string;
  reconFile?: string;
}

/** How a step ended. */
export interface StepOutcome {
  ok: boolean;
  /** Why the step did not run (an earlier step failed). */
  skipped?: string;
  /** Exit codes of the commands the step ran, in order. */
  exitCodes: number[];
  /** One line saying what went wrong. */
  problem?: string;
}

/**
 * Runs the step's next command line, in the order {@link DemoStep.commands} gave them: the demo
 * prints those argv arrays and runs the very same ones through `runCommand`, so the line shown
 * and the command run cannot drift apart.
 */
export type NextCommand = () => Promise<Invocation>;

/** One numbered step of the demo. */
export interface DemoStep {
  key: string;
  title: Text;
  /** The command lines of this step (argv after `imp`), printed, then run in order by `next`. */
  commands(env: DemoEnv, plan: DemoPlan, state: DemoState): string[][];
  /**
   * A command line printed but not run, because the demo does it itself: its own notification
   * listener stands in for `imp notify listen`, which runs until Ctrl-C.
   */
  shown?(env: DemoEnv): string[][];
  /** Steps that must have succeeded first. */
  needs: string[];
  run(env: DemoEnv, plan: DemoPlan, state: DemoState, next: NextCommand): Promise<StepOutcome>;
}

const origin = (env: DemoEnv) => new URL(env.sandbox.baseUrl).origin;

/** The outcome of a step from its invocations: ok when `good` holds for every one. */
function judged(runs: Invocation[], good: boolean, problem: string): StepOutcome {
  const error = runs.find((r) => r.error)?.error;
  return {
    ok: good,
    exitCodes: runs.map((r) => r.exitCode),
    ...(good ? {} : { problem: error ?? problem }),
  };
}

const qrcodeArgs = (env: DemoEnv, plan: DemoPlan, orderno: string, amount: string) => [
  'qrcode',
  '--order',
  orderno,
  '--amount',
  amount,
  '--title',
  plan.title,
  '--desc',
  plan.desc,
  '--notify-url',
  env.notifyUrl,
];

/** The nine steps of an order's life, in order. */
export const DEMO_STEPS: readonly DemoStep[] = [
  {
    key: 'qrcode',
    title: t(`申请二维码，金额 ${DEMO_AMOUNTS.pay} 元`, `Ask for a QR code for ${DEMO_AMOUNTS.pay} yuan`),
    needs: [],
    commands: (env, plan) => [qrcodeArgs(env, plan, plan.orderno, DEMO_AMOUNTS.pay)],
    async run(_env, _plan, state, next) {
      const r = await next();
      state.transno = r.json?.response?.transno || undefined;
      return judged([r], r.exitCode === 0 && !!r.json?.qrcodeUrl, 'no QR code in the answer');
    },
  },
  {
    key: 'pay',
    title: t('顾客扫码支付（沙箱模拟）', 'The customer scans and pays (simulated by the sandbox)'),
    needs: ['qrcode'],
    commands: (env, plan) => [['sandbox', 'pay', plan.orderno, '--url', origin(env)]],
    async run(_env, _plan, _state, next) {
      const r = await next();
      return judged([r], r.exitCode === 0, 'the order was not paid');
    },
  },
  {
    key: 'query',
    title: t('查询支付结果（已支付）', 'Query the payment (paid)'),
    needs: ['pay'],
    commands: (_env, plan) => [['query', plan.orderno]],
    async run(_env, _plan, _state, next) {
      const r = await next();
      return judged([r], r.exitCode === 0 && r.json?.state === 'success', `state ${r.json?.state}, not paid`);
    },
  },
  {
    key: 'notify',
    title: t('收到平台的异步通知，验签通过', "The platform's notification arrives and verifies"),
    needs: ['pay'],
    commands: () => [],
    shown: (env) => [['notify', 'listen', '--port', new URL(env.notifyUrl).port]],
    async run(env, plan) {
      const { eventLines } = await import('../../notify/format.js');
      const ev = await env.waitEvent((e) => e.kind === 'notification' && e.orderno === plan.orderno, 15_000);
      if (!ev)
        return { ok: false, exitCodes: [], problem: `no notification for ${plan.orderno} within 15 s` };
      for (const l of eventLines(env.out, ev)) env.out.print(l);
      const ok = ev.valid && ev.reply === 'success';
      return { ok, exitCodes: [ok ? 0 : 4], ...(ok ? {} : { problem: 'the notification did not verify' }) };
    },
  },
  {
    key: 'refund',
    title: t(`部分退款 ${DEMO_AMOUNTS.refund} 元`, `Refund part of it: ${DEMO_AMOUNTS.refund} yuan`),
    needs: ['query'],
    commands: (_env, plan) => [
      [
        'refund',
        plan.orderno,
        '--amount',
        DEMO_AMOUNTS.refund,
        '--refund-no',
        plan.refundno,
        '--reason',
        plan.desc,
        '--yes',
      ],
    ],
    async run(_env, _plan, _state, next) {
      const r = await next();
      return judged([r], r.exitCode === 0 && r.json?.state !== 'failure', 'the refund was refused');
    },
  },
  {
    key: 'refundquery',
    title: t('查询退款，直到退款成功', 'Query the refund until it is refunded'),
    needs: ['refund'],
    commands: (_env, plan) => [['query', '--refund', plan.refundno, '--order', plan.orderno, '--wait', '30']],
    async run(_env, _plan, _state, next) {
      const r = await next();
      return judged(
        [r],
        r.exitCode === 0 && r.json?.state === 'success',
        `state ${r.json?.state}, not refunded`,
      );
    },
  },
  {
    key: 'close',
    title: t('另一笔订单未支付，关闭它', 'Another order stays unpaid: close it'),
    needs: [],
    commands: (env, plan) => [
      qrcodeArgs(env, plan, plan.unpaidOrderno, plan.unpaidAmount),
      ['close', plan.unpaidOrderno],
    ],
    async run(_env, _plan, _state, next) {
      const q = await next();
      if (q.exitCode !== 0) return judged([q], false, 'the order was not created');
      const c = await next();
      const closed = c.exitCode === 0 && c.json?.response?.order_status === '0';
      return judged([q, c], closed, `order_status ${c.json?.response?.order_status}, not closed`);
    },
  },
  {
    key: 'fetch',
    title: t(
      '日终对账文件生成，经 SFTP 下载',
      "The day's reconciliation file is published and fetched over SFTP",
    ),
    needs: ['refundquery', 'close'],
    commands: (env, plan) => [
      ['sandbox', 'settle', '--date', plan.date, '--url', origin(env)],
      ['recon', 'fetch', '--date', plan.date],
    ],
    async run(_env, _plan, state, next) {
      const s = await next();
      if (s.exitCode !== 0) return judged([s], false, 'the sandbox did not write the file');
      const f = await next();
      const path: string | undefined = f.json?.files?.find((x: { path?: string }) => x.path)?.path;
      if (path) state.reconFile = path;
      return judged([s, f], f.exitCode === 0 && !!path && existsSync(path), 'no file downloaded');
    },
  },
  {
    key: 'check',
    title: t('对账：文件与本地流水逐笔核对', 'Reconcile the file against the journal, line by line'),
    needs: ['fetch'],
    commands: (_env, _plan, state) => [['recon', 'check', state.reconFile ?? '<file>', '--journal']],
    async run(_env, _plan, _state, next) {
      const r = await next();
      return judged([r], r.exitCode === 0, 'differences found');
    },
  },
];

/** Today in Asia/Shanghai (the bank's day). */
export function bankToday(): string {
  return cstParts().date;
}

import type { CommandRun } from '../../cli/kit/command.js';
import { ExitCode } from '../../core/exit-codes.js';
import { t } from '../../output/i18n.js';
import { paint, tick } from '../../output/style.js';
import { generateOrderNo, generateRefundNo } from '../../protocol/ids.js';
import { PAYMENT_TRIGGERS } from '../../sandbox/triggers.js';
import { type DemoEnv, startDemoEnv } from './env.js';
import { bankToday, type DemoPlan, type DemoState } from './steps.js';
import { type StepReport, walkSteps } from './walk.js';

/**
 * `imp demo`: an in-process sandbox, a throwaway `sandbox` profile and a notification
 * listener in a temp dir, then the whole life of an order through the real commands.
 * Exit 0 only when every step ended as expected; the temp dir goes in every case.
 */
export const run: CommandRun = async (ctx) => {
  const out = ctx.out;
  // headings are the demo's result in a terminal; under --json stdout holds the summary only
  const say = (s: string) => (out.json ? out.note(s) : out.print(s));
  const c = paint(out);

  const env: DemoEnv = await startDemoEnv(ctx, ctx.env.IMP_DEMO_DIR);
  const steps: StepReport[] = [];
  const unpaid = PAYMENT_TRIGGERS.find((x) => x.outcome === 'pending')?.example ?? '1.02';
  const plan: DemoPlan = {
    orderno: generateOrderNo(),
    refundno: generateRefundNo(),
    unpaidOrderno: generateOrderNo(),
    unpaidAmount: unpaid,
    date: bankToday(),
    title: ctx.out.t(t('imp 演示订单', 'imp demo order')),
    desc: ctx.out.t(t('演示咖啡一杯', 'one demo coffee')),
  };
  const state: DemoState = {};
  try {
    out.note(out.t(t(`演示目录（结束时删除）：${env.root}`, `demo dir (removed at the end): ${env.root}`)));
    say(
      out.t(
        t(
          `沙箱 ${env.sandbox.baseUrl}，SFTP ${env.sandbox.sftp?.host}:${env.sandbox.sftp?.port}，通知监听 ${env.notifyUrl}`,
          `sandbox ${env.sandbox.baseUrl}, SFTP ${env.sandbox.sftp?.host}:${env.sandbox.sftp?.port}, notifications at ${env.notifyUrl}`,
        ),
      ),
    );
    say(
      c.dim(
        out.t(
          t(
            `下面每步给出等价命令，使用此配置：export IMP_CONFIG=${env.configPath} IMP_PROFILE=sandbox`,
            `each step shows the command you would type, with: export IMP_CONFIG=${env.configPath} IMP_PROFILE=sandbox`,
          ),
        ),
      ),
    );
    steps.push(...(await walkSteps(env, plan, state, out, say)));
  } finally {
    await env.close();
  }

  const okCount = steps.filter((s) => s.ok).length;
  const skipped = steps.filter((s) => s.skipped);
  const failed = steps.filter((s) => !s.ok && !s.skipped);
  const allOk = okCount === steps.length;
  // a failed step's own exit code says the most (5 differences, 3 unknown…); a skip is 1
  const exitCode = allOk
    ? ExitCode.ok
    : ((failed[0]?.exitCodes.find((x) => x !== 0) as ExitCode | undefined) ?? ExitCode.business);
  return {
    exitCode,
    json: {
      ok: allOk,
      exitCode,
      dir: env.root,
      date: plan.date,
      orderno: plan.orderno,
      refundno: plan.refundno,
      closedOrderno: plan.unpaidOrderno,
      reconFile: state.reconFile ? state.reconFile.split(/[\\/]/).pop() : null,
      steps,
    },
    render(o) {
      o.print('');
      if (allOk) {
        o.print(
          `${tick(o, true)} ${o.t(t(`演示完成：${okCount}/${steps.length} 步全部成功`, `demo complete: all ${steps.length} steps ok`))}`,
        );
        return;
      }
      o.print(
        `${tick(o, false)} ${o.t(t(`演示：${okCount}/${steps.length} 步成功`, `demo: ${okCount}/${steps.length} steps ok`))}`,
      );
      for (const s of skipped)
        o.print(`  ${ctx.out.t(t('已跳过', 'skipped'))} [${s.n}] ${s.key}: ${s.skipped}`);
      for (const s of failed)
        o.print(`  ${ctx.out.t(t('失败', 'failed'))} [${s.n}] ${s.key}: ${s.problem ?? ''}`);
    },
  };
};

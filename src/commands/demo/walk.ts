import { ExitCode } from '../../core/exit-codes.js';
import { t } from '../../output/i18n.js';
import type { Output } from '../../output/output.js';
import { impLine } from '../../output/shell.js';
import { paint, tick } from '../../output/style.js';
import type { DemoEnv } from './env.js';
import { DEMO_STEPS, type DemoPlan, type DemoState, type StepOutcome } from './steps.js';

/** One step in the `--json` summary. */
export interface StepReport extends StepOutcome {
  n: number;
  key: string;
  title: string;
  /** The command lines printed for the step, as a person would type them. */
  commands: string[];
}

/**
 * Walk every step in order: print its heading and command lines (`say`), run those same argv
 * arrays through `env.invoke`, print how it ended. A step whose prerequisites failed is skipped.
 */
export async function walkSteps(
  env: DemoEnv,
  plan: DemoPlan,
  state: DemoState,
  out: Output,
  say: (line: string) => void,
): Promise<StepReport[]> {
  const c = paint(out);
  const steps: StepReport[] = [];
  const total = DEMO_STEPS.length;
  for (const [i, step] of DEMO_STEPS.entries()) {
    const n = i + 1;
    const argvs = step.commands(env, plan, state).map((a) => [...env.globals, ...a]);
    const shown = (step.shown?.(env) ?? []).map((a) => [...env.globals, ...a]);
    const commands = [...shown, ...argvs].map(impLine);
    say('');
    say(c.bold(`[${n}/${total}] ${out.t(step.title)}`));
    for (const l of commands) say(c.cyan(`  $ ${l}`));
    const failedBefore = step.needs.filter((k) => !steps.find((s) => s.key === k)?.ok);
    let outcome: StepOutcome;
    if (failedBefore.length) {
      outcome = {
        ok: false,
        skipped: out.t(t(`前置步骤未成功：${failedBefore.join(', ')}`, `needs ${failedBefore.join(', ')}`)),
        exitCodes: [],
      };
    } else {
      // the step runs the printed lines, in order, and no others
      const queue = [...argvs];
      const next = () => {
        const argv = queue.shift();
        if (!argv) throw new Error(`step ${step.key} ran more commands than it printed`);
        return env.invoke(argv);
      };
      try {
        outcome = await step.run(env, plan, state, next);
      } catch (err) {
        outcome = { ok: false, exitCodes: [ExitCode.internal], problem: (err as Error).message };
      }
    }
    if (outcome.skipped) say(c.yellow(`  ${out.t(t('已跳过', 'skipped'))}: ${outcome.skipped}`));
    else if (!outcome.ok) say(`  ${tick(out, false)} ${outcome.problem ?? ''}`);
    else say(`  ${tick(out, true)} ${out.t(t('完成', 'done'))}`);
    steps.push({ n, key: step.key, title: out.t(step.title), commands, ...outcome });
  }
  return steps;
}

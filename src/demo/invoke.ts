import type { CommandInput, CommandRun } from '../cli/command.js';
import type { Context } from '../cli/context.js';
import { ImpError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';

/** What running one real command inside the demo gave. */
export interface Invocation {
  exitCode: number;
  /** The command's `--json` document (its result, or nothing when it threw). */
  // biome-ignore lint/suspicious/noExplicitAny: each command's document has its own shape; steps read the few fields they need.
  json?: any;
  /** The one-line error when the command threw. */
  error?: string;
  /** The command is not in this build yet (module missing or still a placeholder). */
  missing?: string;
}

/** A command module as `src/cli/program.ts` lazy-loads it. */
export type CommandModule = () => Promise<{ run: CommandRun }>;

/**
 * Run a real command module the way `src/cli/main.ts` does — `run(ctx, input)`, then
 * `render(out)` — and print a thrown ImpError as main's reporter would (one line, hints).
 */
export async function invoke(ctx: Context, load: CommandModule, input: CommandInput): Promise<Invocation> {
  let mod: { run: CommandRun };
  try {
    mod = await load();
  } catch (err) {
    return { exitCode: ExitCode.internal, missing: `module not available (${(err as Error).message})` };
  }
  try {
    const result = (await mod.run(ctx, input)) ?? {};
    if (result.render) await result.render(ctx.out);
    return { exitCode: result.exitCode ?? ExitCode.ok, json: result.json };
  } catch (err) {
    if (err instanceof ImpError) {
      if (err.code === 'NOT_IMPLEMENTED') return { exitCode: err.exitCode, missing: err.message };
      ctx.out.note(`${ctx.lang === 'zh' ? '错误' : 'error'}: ${err.message}`);
      for (const h of err.hints) ctx.out.note(`  ${h}`);
      return { exitCode: err.exitCode, error: err.message };
    }
    const message = (err instanceof Error ? err.message.split('\n')[0] : String(err)) || 'internal error';
    ctx.out.note(`${ctx.lang === 'zh' ? '内部错误' : 'internal error'}: ${message}`);
    if (ctx.global.debug && err instanceof Error && err.stack) ctx.out.note(err.stack);
    return { exitCode: ExitCode.internal, error: message };
  }
}

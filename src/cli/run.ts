import type { Command } from 'commander';
import type { OutputStreams } from '../output/output.js';
import { applyHelp, helpLang, mayShowHelp } from './help.js';
import type { CommandResult } from './kit/command.js';
import type { Context } from './kit/context.js';
import { buildProgram, globalOptions } from './program.js';

/**
 * The one way to run an imp command line: `src/cli/main.ts` (the process), `imp demo` (its steps)
 * and the in-process tests all come through here, so they parse with the same commander program,
 * render the same way and report errors the same way.
 * Everything beyond commander is imported lazily so `--help` stays light.
 */

/** Where a run reads and writes; all optional, the process's own by default. */
export interface RunDeps {
  /** What `--version` prints. */
  version?: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  streams?: OutputStreams & { stdin?: { isTTY?: boolean } };
}

/** What a run gave: its exit code and, for callers that look further, the command's result. */
export interface RunOutcome {
  exitCode: number;
  /** The command's `--json` document (built whether or not `--json` was given); absent when it threw. */
  json?: unknown;
  /** What the command threw (already reported on the streams). */
  error?: unknown;
  /** The context the command ran with (absent when parsing failed before it started). */
  context?: Context;
}

/** Run `imp <argv…>` (argv without `node` and the script): parse, run, print, report; never throws. */
export async function runCommand(argv: readonly string[], deps: RunDeps = {}): Promise<RunOutcome> {
  const env = deps.env ?? process.env;
  const line = ['node', 'imp', ...argv];
  let context: Context | undefined;
  let result: CommandResult | undefined;
  const program = buildProgram(deps.version ?? '0.0.0', async (load, input) => {
    const { createContext } = await import('./kit/context.js');
    context = createContext(globalOptions(program), { env, cwd: deps.cwd, streams: deps.streams });
    const mod = await load();
    result = (await mod.run(context, input)) ?? {};
    if (context.global.json) {
      if (result.json !== undefined) context.out.writeJson(result.json);
    } else if (result.render) {
      await result.render(context.out);
    }
  });
  // the help's words only when help may be printed (or usage errors translated): not on every start
  const lang = helpLang(line, env);
  const words = lang === 'zh' || mayShowHelp(argv) ? await import('../output/help-messages.js') : undefined;
  applyHelp(program, lang, words);
  if (deps.streams) writeTo(program, deps.streams);
  try {
    await program.parseAsync(line);
    return { exitCode: result?.exitCode ?? 0, json: result?.json, context };
  } catch (err) {
    const { report } = await import('./report.js');
    const exitCode = report(err, context, line, deps.streams);
    return { exitCode, error: err, context };
  }
}

/** Commander's own help and usage errors go to the run's streams too (every command of the tree). */
function writeTo(cmd: Command, streams: OutputStreams): void {
  cmd.configureOutput({
    writeOut: (s) => streams.stdout.write(s),
    writeErr: (s) => streams.stderr.write(s),
    // commander's own default for a stream that is not a terminal
    getOutHelpWidth: () => (streams.stdout.isTTY && streams.stdout.columns) || 80,
    getErrHelpWidth: () => (streams.stderr.isTTY && streams.stderr.columns) || 80,
  });
  for (const sub of cmd.commands) writeTo(sub, streams);
}

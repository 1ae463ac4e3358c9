import { readFileSync } from 'node:fs';
import type { CommandResult } from './command.js';
import type { Context } from './context.js';
import { applyHelp, helpLang, mayShowHelp } from './help.js';
import { buildProgram, type Dispatch, globalOptions } from './program.js';

/**
 * The entry point: the only place that decides the process's exit code.
 * Commands return results or throw ImpError; this file prints and exits.
 * Everything beyond commander is imported lazily so `--help` stays fast.
 */
function readVersion(): string {
  try {
    return String(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version);
  } catch {
    return '0.0.0';
  }
}

let context: Context | undefined;

const dispatch: Dispatch = async (load, input) => {
  const { createContext } = await import('./context.js');
  context = createContext(globalOptions(program));
  const mod = await load();
  const result: CommandResult = (await mod.run(context, input)) ?? {};
  if (context.global.json) {
    if (result.json !== undefined) context.out.writeJson(result.json);
  } else if (result.render) {
    await result.render(context.out);
  }
  process.exitCode = result.exitCode ?? 0;
};

// `imp journal | head`: a reader that goes away ends the output, it is no error (and must not
// stop a command half-way, say between a refund's journal line and its request)
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
}

const program = buildProgram(readVersion(), dispatch);
// the help's words only when help may be printed (or usage errors translated): not on every start
const lang = helpLang(process.argv, process.env);
const words =
  lang === 'zh' || mayShowHelp(process.argv.slice(2))
    ? await import('../output/help-messages.js')
    : undefined;
applyHelp(program, lang, words);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  const { report } = await import('./report.js');
  process.exitCode = report(err, context, process.argv);
}

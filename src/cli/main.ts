import { readFileSync } from 'node:fs';
import { CommanderError } from 'commander';
import { ImpError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import type { CommandResult } from './command.js';
import { type Context, createContext } from './context.js';
import { buildProgram, type Dispatch, globalOptions } from './program.js';

/**
 * The entry point: the only place that decides the process's exit code.
 * Commands return results or throw ImpError; this file prints and exits.
 */
function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    return String(pkg.version);
  } catch {
    return '0.0.0';
  }
}

let context: Context | undefined;

const dispatch: Dispatch = async (load, input) => {
  context = createContext(globalOptions(program));
  const mod = await load();
  const result: CommandResult = (await mod.run(context, input)) ?? {};
  if (context.global.json) {
    if (result.json !== undefined) context.out.writeJson(result.json);
  } else if (result.render) {
    await result.render(context.out);
  }
  process.exitCode = result.exitCode ?? ExitCode.ok;
};

const program = buildProgram(readVersion(), dispatch);

function report(err: unknown): number {
  const json = context?.global.json ?? process.argv.includes('--json');
  const debug = context?.global.debug ?? process.argv.includes('--debug');
  const zh = context?.lang === 'zh';
  if (err instanceof CommanderError) {
    // help and version are "errors" to commander; they have already been printed
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0) return 0;
    if (json) writeFailure(ExitCode.usage, 'USAGE', err.message.replace(/^error: /, ''), {});
    return ExitCode.usage;
  }
  if (err instanceof ImpError) {
    if (json) {
      writeFailure(err.exitCode, err.code, err.message, { ...cleanIds(err.ids), ...err.details, hints: err.hints });
    } else {
      process.stderr.write(`${zh ? '错误' : 'error'}: ${err.message}\n`);
      for (const h of err.hints) process.stderr.write(`  ${h}\n`);
    }
    if (debug && err.stack) process.stderr.write(`${err.stack}\n`);
    return err.exitCode;
  }
  const isPromptExit = err instanceof Error && err.name === 'ExitPromptError';
  if (isPromptExit) {
    process.stderr.write(zh ? '已取消\n' : 'cancelled\n');
    return ExitCode.interrupted;
  }
  const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
  if (json) writeFailure(ExitCode.internal, 'INTERNAL', message ?? 'internal error', {});
  else {
    process.stderr.write(`${zh ? '内部错误' : 'internal error'}: ${message}\n`);
    if (!debug) process.stderr.write(zh ? '  加 --debug 查看堆栈\n' : '  run again with --debug for the stack trace\n');
  }
  if (debug && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
  return ExitCode.internal;
}

function cleanIds(ids: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(ids).filter(([, v]) => v !== undefined && v !== '')) as Record<
    string,
    string
  >;
}

function writeFailure(exitCode: number, code: string, message: string, extra: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ ok: false, exitCode, error: { code, message }, ...extra }, null, 2)}\n`);
}

try {
  await program.parseAsync(process.argv);
} catch (err) {
  process.exitCode = report(err);
}

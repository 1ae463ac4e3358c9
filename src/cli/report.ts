import { ImpError } from '../core/errors.js';
import { ExitCode } from '../core/exit-codes.js';
import { shown } from '../output/escape.js';
import { t, tr } from '../output/i18n.js';
import { errorText, hintIn } from '../output/messages/errors.js';
import type { OutputStreams } from '../output/output.js';
import type { Context } from './kit/context.js';

/**
 * Turn anything thrown by a command into one line on stderr (or one JSON
 * document under `--json`) and the exit code. The only error handler.
 */
export function report(
  err: unknown,
  context: Context | undefined,
  argv: readonly string[],
  streams: OutputStreams = { stdout: process.stdout, stderr: process.stderr },
): number {
  const stderr = streams.stderr;
  const writeFailure = (exitCode: number, code: string, message: string, extra: Record<string, unknown>) =>
    streams.stdout.write(
      `${JSON.stringify({ ok: false, exitCode, error: { code, message }, ...extra }, null, 2)}\n`,
    );
  const json = context?.global.json ?? argv.includes('--json');
  const debug = context?.global.debug ?? argv.includes('--debug');
  const lang = context?.lang ?? 'en';
  // Duck-typed: commander is bundled into the entry, so its class is not this module's CommanderError.
  if (isCommanderError(err)) {
    // help and version are "errors" to commander; they have already been printed
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0)
      return 0;
    if (json) writeFailure(ExitCode.usage, 'USAGE', err.message.replace(/^error: /, ''), {});
    return ExitCode.usage;
  }
  if (err instanceof ImpError) {
    // an error said as a code is shown in the chosen language
    const said = err.said && errorText(err.said);
    const message = said ? tr(lang, said) : err.message;
    const hints = err.hintsSaid?.map((h) => hintIn(lang, h)) ?? err.hints;
    if (json) {
      writeFailure(err.exitCode, err.code, message, {
        ...cleanIds(err.ids),
        ...err.details,
        hints,
      });
    } else {
      // messages quote outside data (a respmsg, a file name, an SFTP message): one line each
      stderr.write(`${tr(lang, t('错误', 'error'))}: ${shown(message)}\n`);
      for (const h of hints) stderr.write(`  ${shown(h)}\n`);
    }
    if (debug && err.stack) stderr.write(`${err.stack}\n`);
    return err.exitCode;
  }
  if (err instanceof Error && err.name === 'ExitPromptError') {
    stderr.write(`${tr(lang, t('已取消', 'cancelled'))}\n`);
    return ExitCode.interrupted;
  }
  const message = (err instanceof Error ? err.message.split('\n')[0] : String(err)) || 'internal error';
  if (json) writeFailure(ExitCode.internal, 'INTERNAL', message, {});
  else {
    stderr.write(`${tr(lang, t('内部错误', 'internal error'))}: ${shown(message)}\n`);
    if (!debug)
      stderr.write(`  ${tr(lang, t('加 --debug 查看堆栈', 'run again with --debug for the stack trace'))}
`);
  }
  if (debug && err instanceof Error && err.stack) stderr.write(`${err.stack}\n`);
  return ExitCode.internal;
}

function cleanIds(ids: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(ids)) if (v !== undefined && v !== '') out[k] = v;
  return out;
}

function isCommanderError(err: unknown): err is { code: string; exitCode: number; message: string } {
  const code = (err as { code?: unknown } | null)?.code;
  return err instanceof Error && typeof code === 'string' && code.startsWith('commander.');
}

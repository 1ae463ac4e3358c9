import type { ExitCode } from '../../core/exit-codes.js';
import type { Output } from '../../output/output.js';
import type { Context } from './context.js';

/**
 * What a command returns. Logic stays apart from display: `json` is the whole
 * `--json` document, `render` draws the same result for a person.
 */
export interface CommandResult {
  /** Defaults to 0. */
  exitCode?: ExitCode;
  /** The single document printed on stdout under `--json`. */
  json?: unknown;
  /** Human rendering (tables, lines) when not `--json`. */
  render?: (out: Output) => void | Promise<void>;
}

/** Positional arguments and the command's own options as commander parsed them. */
export interface CommandInput {
  args: string[];
  // biome-ignore lint/suspicious/noExplicitAny: commander hands options over untyped; each command narrows them.
  opts: Record<string, any>;
}

/** Every command module exports `run` with this shape. */
export type CommandRun = (ctx: Context, input: CommandInput) => Promise<CommandResult | undefined>;

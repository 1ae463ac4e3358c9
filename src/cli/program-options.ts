import type { Command } from 'commander';
import type { CommandInput, CommandRun } from './kit/command.js';
import type { GlobalOptions } from './kit/context.js';

/** How a declared command runs: its module's loader and what commander parsed (see main.ts). */
export type Dispatch = (load: () => Promise<{ run: CommandRun }>, input: CommandInput) => Promise<void>;

/** Commander's accumulator for repeatable flags. */
export const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Declare a command whose implementation is imported inside its action. */
export function lazy(dispatch: Dispatch, load: () => Promise<{ run: CommandRun }>) {
  return async function (this: Command) {
    await dispatch(load, { args: this.args, opts: this.opts() });
  };
}

/**
 * Like {@link lazy}, for a subcommand that also reads some of its parent's options: commander
 * gives an option the parent declares to the parent, wherever it stands on the line
 * (`imp sandbox pay X --data d` sets the parent's `--data`). Only values given on the line pass.
 */
export function lazyWithParent(
  dispatch: Dispatch,
  keys: readonly string[],
  load: () => Promise<{ run: CommandRun }>,
) {
  return async function (this: Command) {
    const parent = this.parent;
    const inherited: Record<string, unknown> = {};
    for (const k of keys) if (parent?.getOptionValueSource(k) === 'cli') inherited[k] = parent.opts()[k];
    await dispatch(load, { args: this.args, opts: { ...inherited, ...this.opts() } });
  };
}

/** Options shared by the commands that move money or ask the platform something. */
export function txnOptions(cmd: Command): Command {
  return cmd
    .option('--field <k=v>', 'extra field passed through to the platform (repeatable)', collect)
    .option('--dry-run', 'print the signed request (canonical string, body, URL) and send nothing');
}

/** `--wait [seconds]` of the commands that can poll their query. */
export function waitOption(cmd: Command): Command {
  return cmd.option('--wait [seconds]', 'poll the query until a final state (default 120 s)');
}

/** The order flags of the commands that create a payment. */
export function orderOptions(cmd: Command): Command {
  return cmd
    .option('--order <no>', 'merchant order number (generated when omitted)')
    .option('--amount <yuan>', 'amount in 元, at most 2 decimals (e.g. 1.80)')
    .option('--title <text>', 'order title (ordertitle)')
    .option('--desc <text>', 'order description (orderdesc)')
    .option('--notify-url <url>', 'asynchronous notification URL (default: profile notifyUrl)');
}

/** Global options from the root command. */
export function globalOptions(program: Command): GlobalOptions {
  const o = program.opts();
  return {
    config: o.config,
    profile: o.profile,
    json: !!o.json,
    input: o.input !== false,
    yes: !!o.yes,
    verbose: !!o.verbose,
    debug: !!o.debug,
    lang: o.lang,
  };
}

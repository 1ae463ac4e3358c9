import type { Command } from 'commander';
import { TXN_NAMES } from '../../catalogue/types.js';
import { buildProgram } from '../../cli/program.js';

/** One option as completion needs it. */
export interface OptionSpec {
  /** `-p`, `--profile`… */
  names: string[];
  /** Takes a value (`<x>`; an optional `[x]` value is not completed). */
  valued: boolean;
  /** Fixed values (commander `choices`), or `profiles` for the profile names. */
  choices?: readonly string[] | 'profiles';
  description: string;
}

/** A command or subcommand: its path from the root (`config init`), what follows it, and its flags. */
export interface CommandSpec {
  path: string;
  description: string;
  subcommands: { name: string; description: string }[];
  options: OptionSpec[];
  /** Values of its positional arguments, when fixed (shells, transaction names). */
  argValues: readonly string[];
}

/** The root's options (global: commander accepts them after a subcommand too) and every command. */
export interface CompletionSpec {
  global: OptionSpec[];
  commands: CommandSpec[];
}

function options(cmd: Command): OptionSpec[] {
  return cmd
    .createHelp()
    .visibleOptions(cmd)
    .map((o) => {
      const names = [o.short, o.long].filter((n): n is string => !!n);
      const choices = o.long === '--profile' ? 'profiles' : o.argChoices;
      return { names, valued: o.required, ...(choices ? { choices } : {}), description: o.description ?? '' };
    });
}

function argValues(cmd: Command): readonly string[] {
  const values: string[] = [];
  for (const a of cmd.registeredArguments) {
    if (a.argChoices) values.push(...a.argChoices);
    // `imp fields <txn>`: the catalogue's names are the useful completions
    else if (a.name() === 'txn') values.push(...TXN_NAMES, 'notify');
  }
  return values;
}

/** Walk the real command tree, so completion never goes stale when a command or flag is added. */
export function completionSpec(program: Command = buildProgram('0.0.0', async () => {})): CompletionSpec {
  const commands: CommandSpec[] = [];
  const walk = (cmd: Command, path: string) => {
    const subs = cmd.createHelp().visibleCommands(cmd);
    commands.push({
      path,
      description: cmd.description(),
      subcommands: subs.map((s) => ({ name: s.name(), description: s.description() })),
      options: path === '' ? [] : options(cmd).filter((o) => !o.names.includes('--help')),
      argValues: argValues(cmd),
    });
    for (const s of subs) if (s.name() !== 'help') walk(s, path ? `${path} ${s.name()}` : s.name());
  };
  walk(program, '');
  return { global: options(program), commands };
}

/** Every option name of a command (its own and the global ones). */
export function allOptions(spec: CompletionSpec, cmd: CommandSpec): OptionSpec[] {
  return [...cmd.options, ...spec.global];
}

/** Quote for a single-quoted shell word. */
export function sq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** `case` arms of a bash/zsh script, one per command for which `body` gives an action: `'path') action ;;`. */
export function commandCases(spec: CompletionSpec, body: (c: CommandSpec) => string): string {
  return spec.commands
    .map((c) => {
      const b = body(c);
      return b ? `    ${sq(c.path)}) ${b} ;;` : '';
    })
    .filter(Boolean)
    .join('\n');
}

/** `case` arms for the options with fixed values: `'path|--opt') action ;;`, a global one as `*'|--opt')`. */
export function choiceCases(spec: CompletionSpec, action: (o: OptionSpec) => string): string {
  return [
    ...spec.commands.flatMap((c) =>
      c.options
        .filter((o) => o.choices)
        .map((o) => `    ${o.names.map((n) => sq(`${c.path}|${n}`)).join('|')}) ${action(o)} ;;`),
    ),
    ...spec.global
      .filter((o) => o.choices)
      .map((o) => `    ${o.names.map((n) => `*${sq(`|${n}`)}`).join('|')}) ${action(o)} ;;`),
  ].join('\n');
}

import { Command, Option } from 'commander';
import { declareConfig, declareCore } from './declare/core.js';
import { declareJournal } from './declare/journal.js';
import { declareNotify } from './declare/notify.js';
import { declareRecon } from './declare/recon.js';
import { declareSandbox } from './declare/sandbox.js';
import { declareOrderCommands, declarePayments } from './declare/txn.js';
import type { CommandResult } from './kit/command.js';
import type { Dispatch } from './program-options.js';

/**
 * The one place where imp's commands and flags are declared: the root and its global options
 * here, each group's commands in src/cli/declare/<group>.ts, in the order help lists them. Each
 * command's module loads only when its command runs.
 */
export { type Dispatch, globalOptions } from './program-options.js';

export function buildProgram(version: string, dispatch: Dispatch): Command {
  const program = new Command('imp')
    .description('IMP aggregated-acquiring (Jiangxi Bank 聚合收单) merchant tool')
    .version(version, '-V, --version')
    .option(
      '-c, --config <file>',
      'config file (else $IMP_CONFIG, ./imp.config.json, ~/.config/imp/config.json)',
    )
    .option('-p, --profile <name>', 'profile (else $IMP_PROFILE, else defaultProfile)')
    .option('--json', 'one JSON document on stdout', false)
    .option('--no-input', 'never prompt')
    .option('-y, --yes', 'skip confirmations', false)
    .option('--verbose', 'show the HTTP exchange (secrets masked)', false)
    .option('--debug', 'show stack traces', false)
    .addOption(new Option('--lang <lang>', 'language of labels and messages').choices(['zh', 'en']))
    .showHelpAfterError(false)
    .configureHelp({ sortSubcommands: false })
    // before any .command(): subcommands copy this setting when created
    .exitOverride();

  declareCore(program, dispatch);
  declareConfig(program, dispatch);
  declarePayments(program, dispatch);
  declareOrderCommands(program, dispatch);
  declareJournal(program, dispatch);
  declareNotify(program, dispatch);
  declareRecon(program, dispatch);
  declareSandbox(program, dispatch);
  return program;
}

export type { CommandResult };

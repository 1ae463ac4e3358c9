import type { CommandRun } from '../../cli/kit/command.js';
import { UsageError } from '../../core/errors.js';
import { bashScript } from './bash.js';
import { fishScript } from './fish.js';
import { completionSpec } from './spec.js';
import { zshScript } from './zsh.js';

const SCRIPTS = { bash: bashScript, zsh: zshScript, fish: fishScript } as const;

/** `imp completion bash|zsh|fish`: the script on stdout, built from the live command tree. */
export const run: CommandRun = async (_ctx, { args }) => {
  const shell = args[0] as keyof typeof SCRIPTS;
  const make = SCRIPTS[shell];
  if (!make) throw new UsageError(`unknown shell "${args[0]}" (bash, zsh or fish)`);
  const script = make(completionSpec());
  return {
    json: { shell, script },
    render(out) {
      out.streams.stdout.write(script);
    },
  };
};

import type { CommandRun } from '../../cli/command.js';
import { ImpError } from '../../core/errors.js';
import { ExitCode } from '../../core/exit-codes.js';

// PLACEHOLDER: not implemented yet (owner replaces this file).
export const run: CommandRun = async () => {
  throw new ImpError('imp journal resolve: not implemented yet', ExitCode.internal, {
    code: 'NOT_IMPLEMENTED',
  });
};

import type { CommandRun } from '../../cli/kit/command.js';
import { UsageError } from '../../core/errors.js';

/**
 * `imp refund`: one refund (single.ts), `--resume <refundno>` (refund
 * query only, never re-sends) or `--batch <file.csv>` (batch.ts).
 */
export const run: CommandRun = async (ctx, input) => {
  const { opts } = input;
  const modes = [opts.batch && '--batch', opts.resume && '--resume'].filter(Boolean);
  if (modes.length > 1) throw new UsageError(`${modes.join(' and ')} cannot be combined`);
  const { checkWireIds } = await import('../../protocol/wire-safe.js');
  checkWireIds([
    ['<orderno>', input.args[0]],
    ['--refund-no', opts.refundNo],
    ['--resume', opts.resume],
    ['--transno', opts.transno],
  ]);
  if (opts.batch) {
    const { runRefundBatch } = await import('./batch.js');
    return runRefundBatch(ctx, input);
  }
  if (opts.resume) {
    const { runResume } = await import('./resume.js');
    return runResume(ctx, input);
  }
  const { runSingleRefund } = await import('./single.js');
  return runSingleRefund(ctx, input);
};

import type { CommandRun } from '../../cli/kit/command.js';
import { UsageError } from '../../core/errors.js';
import { isYmd } from '../../core/time.js';
import { t } from '../../output/i18n.js';
import { requireReconHistory } from './history-option.js';
import { renderHistory } from './history-render.js';

/** Check `--from`/`--to`: yyyyMMdd, from ≤ to. */
export function dayRange(opts: { from?: string; to?: string }): { from?: string; to?: string } {
  for (const flag of ['from', 'to'] as const) {
    const v = opts[flag];
    if (v !== undefined && !isYmd(v)) throw new UsageError(`--${flag} ${v}: expected a day as yyyyMMdd`);
  }
  if (opts.from && opts.to && opts.from > opts.to)
    throw new UsageError(`--from ${opts.from} is after --to ${opts.to}`);
  return { from: opts.from, to: opts.to };
}

/** `imp recon history [--from --to]`: each checked bank day and its state, from the recon history database. */
export const run: CommandRun = async (ctx, { opts }) => {
  const range = dayRange(opts);
  const store = await requireReconHistory(ctx, 'history');
  let days: Awaited<ReturnType<typeof store.history>>;
  try {
    days = await store.history(range.from, range.to);
  } finally {
    await store.close();
  }
  return {
    json: { ok: true, store: store.label, days },
    render(out) {
      if (days.length === 0) {
        out.print(out.t(t('没有对账记录', 'no checks recorded')));
        return;
      }
      out.print(renderHistory(out, days));
    },
  };
};

import type { CommandRun } from '../../cli/kit/command.js';
import { t } from '../../output/i18n.js';
import { dayRange } from './history.js';
import { requireReconHistory } from './history-option.js';
import { differenceJson, renderDifferences } from './history-render.js';

/** `imp recon differences [--open] [--from --to]`: the differences of each day's latest check, across days. */
export const run: CommandRun = async (ctx, { opts }) => {
  const range = dayRange(opts);
  const store = await requireReconHistory(ctx, 'differences');
  let list: Awaited<ReturnType<typeof store.differences>>;
  try {
    list = await store.differences({ open: opts.open === true, ...range });
  } finally {
    await store.close();
  }
  return {
    json: { ok: true, store: store.label, differences: list.map(differenceJson) },
    render(out) {
      if (list.length === 0) {
        out.print(
          out.t(opts.open ? t('没有未处理的差异', 'no open differences') : t('没有差异', 'no differences')),
        );
        return;
      }
      out.print(renderDifferences(out, list));
    },
  };
};

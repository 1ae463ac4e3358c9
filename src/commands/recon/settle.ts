import type { CommandRun } from '../../cli/kit/command.js';
import { UsageError } from '../../core/errors.js';
import { t } from '../../output/i18n.js';
import { requireReconHistory } from './history-option.js';
import { cstTime, differenceJson, settledBy } from './history-render.js';

/**
 * `imp recon settle <id> --note "…"`: mark one stored difference as handled. A new row with
 * the note, the operator and the time; nothing earlier changes. Settled once: a second
 * settlement of the same difference is refused with the first one's who and when.
 */
export const run: CommandRun = async (ctx, { args, opts }) => {
  const id = Number(args[0]);
  if (!Number.isSafeInteger(id) || id < 1) {
    throw new UsageError(
      `imp recon settle ${args[0] ?? ''}: expected a difference id (imp recon differences lists them)`,
    );
  }
  const note = String(opts.note ?? '').trim();
  if (!note) throw new UsageError('imp recon settle: --note "…" is required (what was done about it)');
  const store = await requireReconHistory(ctx, 'settle');
  let settled: Awaited<ReturnType<typeof store.settle>>;
  try {
    const d = await store.difference(id);
    if (!d)
      throw new UsageError(
        `imp recon settle ${id}: no such difference (imp recon differences --open lists them)`,
      );
    if (d.settlement) {
      throw new UsageError(
        `imp recon settle ${id}: already settled by ${settledBy(d)} at ${cstTime(d.settlement.at)}: ${d.settlement.note}`,
        { code: 'ALREADY_SETTLED' },
      );
    }
    settled = await store.settle(id, note);
  } finally {
    await store.close();
  }
  const s = settled.settlement!;
  return {
    json: { ok: true, difference: differenceJson(settled) },
    render(out) {
      out.print(
        out.t(
          t(
            `已处理差异 ${id}（${settled.day} ${settled.orderno}）：${settledBy(settled)}，${cstTime(s.at)}`,
            `difference ${id} (${settled.day} ${settled.orderno}) settled by ${settledBy(settled)} at ${cstTime(s.at)}`,
          ),
        ),
      );
    },
  };
};

import type { CommandRun } from '../../cli/kit/command.js';
import { UsageError } from '../../core/errors.js';
import { isYmd } from '../../core/time.js';
import { t } from '../../output/i18n.js';
import { callAdmin, sandboxTarget } from './admin-call.js';

/** `imp sandbox settle --date`: the day's end-of-day reconciliation file, now. */
export const run: CommandRun = async (ctx, { opts }) => {
  const date = String(opts.date ?? '');
  if (!isYmd(date)) throw new UsageError(`--date: '${date}' is not a date written yyyyMMdd`);
  const origin = await sandboxTarget(ctx, opts);
  const { status, doc } = await callAdmin(origin, 'settle', { date });
  if (status !== 200) throw new UsageError(String(doc.error ?? `HTTP ${status}`));
  const file = doc.file as { path: string; csvName: string; count: number; totalFen: number };
  return {
    json: { ok: true, date, ...file },
    render: (out) =>
      out.print(
        out.t(
          t(
            `已生成 ${file.csvName}（${file.count} 笔）：${file.path}`,
            `wrote ${file.csvName} (${file.count} line${file.count === 1 ? '' : 's'}): ${file.path}`,
          ),
        ),
      ),
  };
};

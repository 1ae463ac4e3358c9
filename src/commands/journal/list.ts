import type { CommandRun } from '../../cli/kit/command.js';
import { impPrefix } from '../../cli/kit/hint.js';
import { UsageError } from '../../core/errors.js';
import { t } from '../../output/i18n.js';
import { entryJson, renderEntries } from './render.js';
import { profileJournal } from './team.js';

/** `imp journal [--limit n]`: the most recent entries, newest first. */
export const run: CommandRun = async (ctx, { opts }) => {
  const limit = Number(opts.limit ?? 20);
  if (!Number.isInteger(limit) || limit < 1) {
    throw new UsageError(`--limit: '${opts.limit}' is not a positive whole number`, { code: 'BAD_LIMIT' });
  }
  const journal = await profileJournal(ctx);
  const entries = await journal.recent(limit);
  journal.warnDamaged(ctx.out, impPrefix(ctx));
  return {
    json: { ok: true, file: journal.file, entries: entries.map(entryJson) },
    render(out) {
      if (entries.length === 0) {
        out.print(out.t(t(`日志为空：${journal.file}`, `the journal is empty: ${journal.file}`)));
        return;
      }
      out.print(renderEntries(out, entries, impPrefix(ctx)));
    },
  };
};

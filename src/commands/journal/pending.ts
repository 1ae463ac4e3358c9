import type { CommandRun } from '../../cli/kit/command.js';
import { impCommand, impPrefix } from '../../cli/kit/hint.js';
import { t } from '../../output/i18n.js';
import { entryJson, renderEntries } from './render.js';
import { profileJournal } from './team.js';

/**
 * `imp journal pending`: every entry whose outcome is not final (unknown, or
 * accepted but still processing), oldest first: the ones `resolve` will query.
 */
export const run: CommandRun = async (ctx) => {
  const journal = await profileJournal(ctx);
  const entries = await journal.pending();
  journal.warnDamaged(ctx.out, impPrefix(ctx));
  return {
    json: { ok: true, file: journal.file, count: entries.length, entries: entries.map(entryJson) },
    render(out) {
      if (entries.length === 0) {
        out.print(out.t(t('没有结果未定的请求', 'no request with an outcome still open')));
        return;
      }
      out.print(renderEntries(out, entries, impPrefix(ctx)));
      out.note(
        out.t(
          t(
            `查询并记录结果：${impCommand(ctx, 'journal', 'resolve')}`,
            `to query them and record the answers: ${impCommand(ctx, 'journal', 'resolve')}`,
          ),
        ),
      );
    },
  };
};

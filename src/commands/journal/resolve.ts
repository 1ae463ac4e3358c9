import type { CommandRun } from '../../cli/kit/command.js';
import { ExitCode } from '../../core/exit-codes.js';
import { t } from '../../output/i18n.js';
import { hintIn } from '../../output/messages/errors.js';
import { resolvePending } from '../../txn/resolve.js';
import { openSession } from '../shared/session.js';
import { renderJournalTable, stateWord } from './render.js';

/**
 * `imp journal resolve`: settle every entry whose outcome is unknown or pending
 * (including one left by a process killed between its two journal lines).
 * Exit 3 when some outcome is still unknown afterwards.
 */
export const run: CommandRun = async (ctx) => {
  // why an entry stays as it was, in the chosen language
  const done = (await resolvePending(await openSession(ctx))).map((d) => ({
    ...d,
    error: d.error === undefined ? undefined : hintIn(ctx.out.lang, d.error),
  }));
  const stillUnknown = done.filter((d) => d.after === 'unknown').length;
  const exitCode = stillUnknown > 0 ? ExitCode.unknown : ExitCode.ok;
  return {
    exitCode,
    json: { ok: exitCode === ExitCode.ok, count: done.length, stillUnknown, entries: done },
    render(out) {
      if (done.length === 0) {
        out.print(out.t(t('没有需要查明的请求', 'nothing to resolve: every outcome is settled')));
        return;
      }
      out.print(
        renderJournalTable(out, done, [
          [t('之前', 'before'), (d) => stateWord(out, d.before)],
          [t('现在', 'now'), (d) => stateWord(out, d.after)],
          [t('说明', 'message'), (d) => d.error ?? [d.respcode, d.respmsg].filter(Boolean).join(' ')],
        ]),
      );
    },
  };
};

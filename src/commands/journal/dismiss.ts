import type { CommandRun } from '../../cli/kit/command.js';
import { confirm } from '../../cli/kit/prompt.js';
import { ImpError, UsageError } from '../../core/errors.js';
import { ExitCode } from '../../core/exit-codes.js';
import { type MessageParams, msg } from '../../core/message.js';
import type { DamagedLine } from '../../journal/index.js';
import { shown } from '../../output/escape.js';
import type { JournalCode } from '../../output/messages/journal.js';
import { DAMAGE_REASON_TEXT, journalText } from '../../output/messages/journal.js';
import { profileJournal } from './team.js';

/**
 * `imp journal dismiss <line>`: the operator has looked at an unreadable journal line (typically
 * the fragment a killed imp leaves, whose request never left) and says so. The journal stays
 * append-only: a `dismiss` line names the line by number and by the SHA-256 of its text, readers
 * stop reporting it, and a refund of an order it mentions is no longer refused.
 */
export const run: CommandRun = async (ctx, { args }) => {
  const say = (code: JournalCode, params?: MessageParams) => ctx.out.t(journalText(msg(code, params)));
  const n = Number(args[0]);
  if (!Number.isInteger(n) || n < 1) {
    throw new UsageError(say('dismiss-bad-line', { arg: String(args[0]) }), { code: 'BAD_LINE' });
  }
  const journal = await profileJournal(ctx);
  const damaged: DamagedLine[] = [];
  for await (const _ of journal.readLines({ onDamaged: (d) => damaged.push(d) })) {
    // only the damage is wanted
  }
  const d = damaged.find((x) => x.line === n);
  if (!d) {
    const open = damaged.map((x) => x.line).join(', ');
    const openZh = open ? `无法读取的行：${open}` : '没有无法读取的行';
    const openEn = open ? `unreadable: line ${open}` : 'none is unreadable';
    throw new UsageError(say('dismiss-not-damaged', { file: journal.file, line: n, openZh, openEn }), {
      code: 'NOT_DAMAGED',
      details: { journal: journal.file, open: damaged.map((x) => x.line) },
    });
  }
  const why = DAMAGE_REASON_TEXT[d.reason];
  ctx.out.note(`${say('dismiss-line', { line: n })} (${ctx.out.t(why)}): ${shown(d.excerpt)}`);
  const question = journalText(msg('dismiss-question', { line: n }));
  if (!(await confirm(ctx, question))) {
    throw new ImpError(say('dismiss-cancelled'), ExitCode.interrupted, { code: 'CANCELLED' });
  }
  const dismissal = await journal.dismiss(n, d.digest);
  await journal.close();
  return {
    json: {
      ok: true,
      journal: journal.file,
      line: n,
      reason: d.reason,
      excerpt: d.excerpt,
      id: dismissal.id,
    },
    render(out) {
      out.print(
        out.t(journalText(msg('dismiss-recorded', { file: journal.file, line: n, id: dismissal.id }))),
      );
    },
  };
};

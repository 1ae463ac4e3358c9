import type { CommandRun } from '../../cli/kit/command.js';
import { confirm } from '../../cli/kit/prompt.js';
import { ImpError, UsageError } from '../../core/errors.js';
import { ExitCode } from '../../core/exit-codes.js';
import { DAMAGE_REASON_TEXT, type DamagedLine } from '../../journal/index.js';
import { shown } from '../../output/escape.js';
import { t } from '../../output/i18n.js';
import { profileJournal } from './team.js';

/**
 * `imp journal dismiss <line>`: the operator has looked at an unreadable journal line (typically
 * the fragment a killed imp leaves, whose request never left) and says so. The journal stays
 * append-only: a `dismiss` line names the line by number and by the SHA-256 of its text, readers
 * stop reporting it, and a refund of an order it mentions is no longer refused.
 */
export const run: CommandRun = async (ctx, { args }) => {
  const zh = ctx.lang === 'zh';
  const n = Number(args[0]);
  if (!Number.isInteger(n) || n < 1) {
    throw new UsageError(zh ? `<line>：'${args[0]}' 不是行号` : `<line>: '${args[0]}' is not a line number`, {
      code: 'BAD_LINE',
    });
  }
  const journal = await profileJournal(ctx);
  const damaged: DamagedLine[] = [];
  for await (const _ of journal.readLines({ onDamaged: (d) => damaged.push(d) })) {
    // only the damage is wanted
  }
  const d = damaged.find((x) => x.line === n);
  if (!d) {
    const open = damaged.map((x) => x.line).join(', ');
    throw new UsageError(
      zh
        ? `日志 ${journal.file} 第 ${n} 行不是未处理的无法读取行（${open ? `无法读取的行：${open}` : '没有无法读取的行'}）`
        : `journal ${journal.file}: line ${n} is not an unreadable line still open (${open ? `unreadable: line ${open}` : 'none is unreadable'})`,
      { code: 'NOT_DAMAGED', details: { journal: journal.file, open: damaged.map((x) => x.line) } },
    );
  }
  const why = DAMAGE_REASON_TEXT[d.reason];
  ctx.out.note(`${zh ? `第 ${n} 行` : `line ${n}`} (${ctx.out.t(why)}): ${shown(d.excerpt)}`);
  const question = t(
    `确认已查看第 ${n} 行？此后提到其中订单的退款不再因此被拒绝`,
    `mark line ${n} as looked at? Refunds of an order it mentions will no longer be refused for it`,
  );
  if (!(await confirm(ctx, question))) {
    throw new ImpError(
      zh ? '已取消，日志未改' : 'cancelled, the journal is unchanged',
      ExitCode.interrupted,
      {
        code: 'CANCELLED',
      },
    );
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
        out.t(
          t(
            `已记录：日志 ${journal.file} 第 ${n} 行已查看（${dismissal.id}）`,
            `recorded: line ${n} of ${journal.file} was looked at (${dismissal.id})`,
          ),
        ),
      );
    },
  };
};

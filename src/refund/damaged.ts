import { ConfigError } from '../core/errors.js';
import { DAMAGE_REASON_TEXT, type DamagedLine } from '../journal/index.js';
import { shown } from '../output/escape.js';
import { type HintContext, hintCommand as impCommand, shellArg } from '../output/shell.js';

/** How many damaged lines a refusal quotes (their numbers are all in the message). */
const QUOTED = 3;

/**
 * The refusal when unreadable journal lines mention the order (or refund) about to
 * be refunded: a refund recorded there is invisible to the history, so refunding
 * now could refund twice. Exit 2: nothing was sent, and it takes a person looking
 * at the journal file (not a retry, not a platform answer) to go on. `--force`
 * does not override it: scripts pass `--force` for the duplicate window, and this
 * must never be waved through unseen.
 */
export function damagedJournalError(
  ctx: HintContext,
  file: string,
  ids: { orderno: string; refundno?: string },
  lines: readonly DamagedLine[],
): ConfigError {
  const zh = ctx.lang === 'zh';
  const dismiss = impCommand(ctx, 'journal', 'dismiss', String((lines[0] as DamagedLine).line));
  // the damaged line's own refund number, when it still shows one: the hint then runs as printed
  const named = /"refundno":"([!-~]+?)"/.exec((lines[0] as DamagedLine).text)?.[1];
  const query = named
    ? impCommand(ctx, 'query', '--refund', named, '--order', ids.orderno)
    : `${impCommand(ctx, 'query', '--refund')} <refundno> --order ${shellArg(ids.orderno)}`;
  const numbers = lines.map((d) => d.line).join(', ');
  const first = lines[0] as DamagedLine;
  const why = DAMAGE_REASON_TEXT[first.reason];
  const subject = ids.refundno
    ? zh
      ? `订单 ${ids.orderno} 或退货单 ${ids.refundno}`
      : `order ${ids.orderno} or refund ${ids.refundno}`
    : zh
      ? `订单 ${ids.orderno}`
      : `order ${ids.orderno}`;
  const message = zh
    ? `日志 ${file} 第 ${numbers} 行提到${subject}，但无法读取（${why.zh}）：该订单的退款记录读不完整，现在退款可能重复退款，未发送`
    : `journal ${file}: line${lines.length === 1 ? '' : 's'} ${numbers} mention${lines.length === 1 ? 's' : ''} ${subject} but cannot be read (${why.en}): its refund history cannot be read completely and a refund now could be a second one; nothing sent`;
  const quoted = lines
    .slice(0, QUOTED)
    .map((d) => `  ${zh ? '第' : 'line'} ${d.line}${zh ? ' 行' : ''}: ${shown(d.excerpt)}`);
  const hints = zh
    ? [
        ...quoted,
        `请查看这些行：若是被中断的 imp 进程留下的残行，它开始的请求从未发出（begin 行在发送前已写入磁盘），记录已查看后重试：${dismiss}`,
        `若是一行完整记录后来损坏，先查明那笔退款（${query}），再 dismiss 该行；--again 不能跳过此检查`,
      ]
    : [
        ...quoted,
        `look at the line: if it is a fragment left by a killed imp process, the request it began was never sent (begin lines are fsynced before sending); record that, then run again: ${dismiss}`,
        `if it was a complete line damaged later (a checksum mismatch), find that refund out first (${query}), then dismiss the line; --again does not override this check`,
      ];
  return new ConfigError(message, {
    code: 'JOURNAL_DAMAGED',
    ids,
    hints,
    details: {
      journal: file,
      damaged: lines.map(({ line, reason, excerpt }) => ({ line, reason, excerpt })),
    },
  });
}

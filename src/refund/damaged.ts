import { ConfigError } from '../core/errors.js';
import { msg } from '../core/message.js';
import { DAMAGE_REASON_TEXT, type DamagedLine } from '../journal/index.js';
import { shown } from '../output/escape.js';
import { english, saidHints } from '../output/messages/errors.js';
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
  const dismiss = impCommand(ctx, 'journal', 'dismiss', String((lines[0] as DamagedLine).line));
  // the damaged line's own refund number, when it still shows one: the hint then runs as printed
  const named = /"refundno":"([!-~]+?)"/.exec((lines[0] as DamagedLine).text)?.[1];
  const query = named
    ? impCommand(ctx, 'query', '--refund', named, '--order', ids.orderno)
    : `${impCommand(ctx, 'query', '--refund')} <refundno> --order ${shellArg(ids.orderno)}`;
  const one = lines.length === 1;
  const first = lines[0] as DamagedLine;
  const said = msg('refund-damaged', {
    file,
    numbers: lines.map((d) => d.line).join(', '),
    s: one ? '' : 's',
    s1: one ? 's' : '',
    subject: ids.refundno
      ? msg('refund-damaged-order-refund', { orderno: ids.orderno, refundno: ids.refundno })
      : msg('refund-damaged-order', { orderno: ids.orderno }),
    why: msg('refund-words', { ...DAMAGE_REASON_TEXT[first.reason] }),
  });
  const quoted = lines
    .slice(0, QUOTED)
    .map((d) => msg('refund-damaged-line', { line: d.line, excerpt: shown(d.excerpt) }));
  return new ConfigError(english(said), {
    code: 'JOURNAL_DAMAGED',
    said,
    ids,
    ...saidHints([
      ...quoted,
      msg('refund-damaged-fragment', { command: dismiss }),
      msg('refund-damaged-complete', { query }),
    ]),
    details: {
      journal: file,
      damaged: lines.map(({ line, reason, excerpt }) => ({ line, reason, excerpt })),
    },
  });
}

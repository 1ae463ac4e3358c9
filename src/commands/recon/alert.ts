import { formatYuan } from '../../core/money.js';
import { RECON_CLASS_SHORT, reconText } from '../../output/messages/recon.js';
import type { Output } from '../../output/output.js';
import { type AlertMessage, sendAlert } from '../../recon/alert/send.js';
import type { AlertTarget } from '../../recon/alert/target.js';
import { CLEAN_CLASSES, RECON_CLASSES } from '../../recon/classes.js';
import type { ReconResult } from '../../recon/types.js';

// The alert's words, in the language of the command that sends it; posting is src/recon/alert/send.ts.

/** The check's summary: counts per difference class with amounts in 元, unreadable lines, the report. */
export function checkAlert(
  out: Output,
  result: ReconResult,
  exitCode: number,
  report?: string,
): AlertMessage {
  const s = result.summary;
  const say = (...args: Parameters<typeof reconText>) => out.t(reconText(...args));
  const yuan = say('yuan');
  const lines: string[] = [];
  const classes: Record<string, { count: number; bankYuan: string; ledgerYuan: string }> = {};
  for (const c of RECON_CLASSES) {
    const tally = s.classes[c];
    if (CLEAN_CLASSES.has(c) || tally.count === 0) continue;
    const bank = formatYuan(tally.bankAmount);
    const ledger = formatYuan(tally.ledgerAmount);
    classes[c] = { count: tally.count, bankYuan: bank, ledgerYuan: ledger };
    lines.push(
      `${out.t(RECON_CLASS_SHORT[c])}: ${tally.count}  (${say('bank')} ${bank} ${yuan}, ${say('ledger')} ${ledger} ${yuan})`,
    );
  }
  if (s.problems > 0) lines.push(say('alert-unreadable', { problems: s.problems }));
  if (!s.selfCheck.ok) lines.push(say('alert-summary-off'));
  if (s.pending > 0) lines.push(say('alert-pending', { pending: s.pending }));
  if (report) lines.push(`${say('alert-report')}: ${report}`);
  const name = s.file.split(/[\\/]/).pop() ?? s.file;
  const title = s.clean
    ? say('alert-clean', { name })
    : say('alert-differences', { name, differences: s.differences, exitCode });
  return {
    command: 'recon check',
    exitCode,
    title,
    lines,
    data: {
      file: s.file,
      date: s.date,
      differences: s.differences,
      problems: s.problems,
      summaryAddsUp: s.selfCheck.ok,
      classes,
      ...(report ? { report } : {}),
    },
  };
}

/** Send and say so on stderr: "alert sent to …" or a warning; the URL shown with its secrets hidden. */
export async function deliverAlert(out: Output, target: AlertTarget, m: AlertMessage): Promise<void> {
  const failed = await sendAlert(target, m);
  if (failed) out.warn(out.t(reconText('alert-not-sent', { target: target.shown, why: failed })));
  else out.note(out.t(reconText('alert-sent', { target: target.shown })));
}

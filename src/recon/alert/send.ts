import { formatYuan } from '../../core/money.js';
import { postRaw } from '../../notify/post.js';
import { t } from '../../output/i18n.js';
import type { Output } from '../../output/output.js';
import { CLEAN_CLASSES, RECON_CLASS_SHORT, RECON_CLASSES } from '../classes.js';
import type { ReconResult } from '../types.js';
import { type AlertTarget, hideSecrets } from './target.js';

/** What an alert says: a first line, a few more, and the figures for a JSON webhook. */
export interface AlertMessage {
  command: 'recon check' | 'recon fetch';
  exitCode: number;
  title: string;
  lines: string[];
  data: Record<string, unknown>;
}

const TIMEOUT_MS = 10_000;

/** The check's summary: counts per difference class with amounts in 元, unreadable lines, the report. */
export function checkAlert(
  out: Output,
  result: ReconResult,
  exitCode: number,
  report?: string,
): AlertMessage {
  const s = result.summary;
  const yuan = out.t(t('元', 'yuan'));
  const lines: string[] = [];
  const classes: Record<string, { count: number; bankYuan: string; ledgerYuan: string }> = {};
  for (const c of RECON_CLASSES) {
    const tally = s.classes[c];
    if (CLEAN_CLASSES.has(c) || tally.count === 0) continue;
    const bank = formatYuan(tally.bankAmount);
    const ledger = formatYuan(tally.ledgerAmount);
    classes[c] = { count: tally.count, bankYuan: bank, ledgerYuan: ledger };
    lines.push(
      `${out.t(RECON_CLASS_SHORT[c])}: ${tally.count}  (${out.t(t('银行', 'bank'))} ${bank} ${yuan}, ${out.t(t('台账', 'ledger'))} ${ledger} ${yuan})`,
    );
  }
  if (s.problems > 0) lines.push(out.t(t(`无法读取的行：${s.problems}`, `unreadable lines: ${s.problems}`)));
  if (!s.selfCheck.ok) lines.push(out.t(t('汇总行与明细不符', 'the summary line does not add up')));
  if (s.pending > 0) lines.push(out.t(t(`跨日待定：${s.pending}`, `pending across days: ${s.pending}`)));
  if (report) lines.push(`${out.t(t('报告', 'report'))}: ${report}`);
  const name = s.file.split(/[\\/]/).pop() ?? s.file;
  const title = s.clean
    ? out.t(t(`imp 对账 ${name}：一致`, `imp recon check ${name}: clean`))
    : out.t(
        t(
          `imp 对账 ${name}：${s.differences} 处差异（退出码 ${exitCode}）`,
          `imp recon check ${name}: ${s.differences} difference(s) (exit ${exitCode})`,
        ),
      );
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

/** An error that ended a command (unreadable file, not on the server, unreachable). */
export function errorAlert(
  command: AlertMessage['command'],
  exitCode: number,
  message: string,
): AlertMessage {
  return {
    command,
    exitCode,
    title: `imp ${command}: exit ${exitCode}`,
    lines: [message],
    data: { message },
  };
}

/** The body each robot expects. */
function payload(target: AlertTarget, m: AlertMessage): Record<string, unknown> {
  const text = [m.title, ...m.lines].join('\n');
  switch (target.format) {
    case 'wecom':
    case 'dingtalk':
      return { msgtype: 'text', text: { content: text } };
    case 'feishu':
      return { msg_type: 'text', content: { text } };
    default:
      return { source: 'imp', command: m.command, exitCode: m.exitCode, title: m.title, text, ...m.data };
  }
}

/**
 * Post the alert. Never throws: a failure is returned as one line (secrets hidden) for stderr,
 * since an alert that did not go out must not change what the command reports or its exit code.
 */
export async function sendAlert(target: AlertTarget, m: AlertMessage): Promise<string | undefined> {
  try {
    const answer = await postRaw(
      target.url,
      JSON.stringify(payload(target, m)),
      'application/json; charset=utf-8',
      TIMEOUT_MS,
    );
    if (answer.status < 200 || answer.status >= 300) return `HTTP ${answer.status}`;
    // the robots answer 200 with their own error code
    const body = parse(answer.body);
    const code = body?.errcode ?? body?.code ?? body?.StatusCode;
    if (target.format !== 'json' && code !== undefined && code !== 0) {
      return `${target.format} answered ${code}: ${body?.errmsg ?? body?.msg ?? ''}`.trim();
    }
    return undefined;
  } catch (err) {
    return hideSecrets(target, (err as Error).message);
  }
}

function parse(text: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(text);
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Send and say so on stderr: "alert sent to …" or a warning; the URL shown with its secrets hidden. */
export async function deliverAlert(out: Output, target: AlertTarget, m: AlertMessage): Promise<void> {
  const failed = await sendAlert(target, m);
  if (failed) {
    out.warn(
      out.t(t(`告警未送达 ${target.shown}：${failed}`, `alert not sent to ${target.shown}: ${failed}`)),
    );
  } else {
    out.note(out.t(t(`已发送告警到 ${target.shown}`, `alert sent to ${target.shown}`)));
  }
}

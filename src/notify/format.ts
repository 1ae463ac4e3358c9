import { extend } from '../core/extend.js';
import { formatYuan } from '../core/money.js';
import { cstClock } from '../core/time.js';
import { shown } from '../output/escape.js';
import { t } from '../output/i18n.js';
import type { Output } from '../output/output.js';
import { paint, tick } from '../output/style.js';
import type { NotifyEvent } from './server.js';

// the bank's wall clock (as imp journal shows it), whatever the machine's time zone
const clock = (iso: string) => cstClock(iso).slice(11);

const oneLine = (s: string, n = 80) => {
  const flat = shown(s.replace(/\s+/g, ' ').trim());
  return flat.length > n ? `${flat.slice(0, n - 1)}…` : flat;
};

/** The stripe-listen-style lines of one received request: `-->` what came in, `<--` what the handler said. */
export function eventLines(out: Output, ev: NotifyEvent): string[] {
  const c = paint(out);
  const at = c.dim(clock(ev.time));
  if (ev.kind === 'ignored')
    return [
      `${at}  ${c.dim(`${shown(ev.method)} ${shown(ev.path)} ignored (405: POST notifications here)`)}`,
    ];
  if (ev.kind === 'oversize') {
    return [
      `${at}  --> ${tick(out, false)} ${out.t(t(`${ev.bytes} 字节，超过 64 KiB 上限：已拒绝（413）`, `${ev.bytes} bytes, over the 64 KiB limit: refused (413)`))}`,
    ];
  }
  const lines: string[] = [];
  // diagnoses quote the sender's field values
  const diag = ev.diagnosis.map((d) => shown(out.t(d)));
  if (ev.kind === 'malformed') {
    lines.push(
      `${at}  --> ${tick(out, false)} ${out.t(t('无法解析的消息', 'unreadable body'))} (${ev.bytes} B): ${diag.at(-1) ?? ''}`,
    );
  } else {
    const parts = [shown(ev.orderno ?? '?'), shown(ev.txn ?? ev.fields?.subcode ?? '')];
    if (ev.statusText) parts.push(out.t(ev.statusText));
    else if (ev.status !== undefined) parts.push(`status ${shown(ev.status)}`);
    if (ev.amount !== undefined) parts.push(`${formatYuan(ev.amount)} ${out.t(t('元', 'yuan'))}`);
    const sig = ev.valid
      ? `${tick(out, true)} ${out.t(t('签名', 'signature'))}${ev.certid ? c.dim(` (${shown(ev.certid)})`) : ''}`
      : `${tick(out, false)} ${out.t(t('签名', 'signature'))}: ${diag.find((d) => !/BOM|whitespace|空白/.test(d)) ?? diag[0] ?? ''}`;
    const repeat = ev.repeat ? ` ${c.yellow(out.t(t('[重复]', '[repeat]')))}` : '';
    lines.push(`${at}  --> ${parts.filter(Boolean).join('  ')}  ${sig}${repeat}`);
  }
  if (ev.notForwarded) {
    lines.push(
      `${at}  <-- ${c.dim(out.t(t('未转发：验签未通过（--forward-unverified 可转发）', 'not forwarded: not verified (--forward-unverified forwards it)')))}`,
    );
  }
  if (ev.saveRefused === 'cap') {
    lines.push(
      `${at}  ${c.yellow(out.t(t('未保存：已达今日 --save 字节上限', "not saved: today's --save byte cap is reached")))}`,
    );
  }
  const f = ev.forward;
  if (f) {
    const mark = f.verified ? '' : ` ${c.yellow('X-Imp-Verified: false')}`;
    if (f.error) {
      lines.push(
        `${at}  <-- ${c.red.bold(`✖ ${out.t(t('处理程序不可达', 'handler DOWN'))} ${shown(f.url)}: ${shown(f.error)}`)}${mark}`,
      );
    } else {
      const code = f.ok ? c.green(`[${f.status}]`) : c.red(`[${f.status}]`);
      lines.push(`${at}  <-- ${code} ${oneLine(f.body ?? '')} ${c.dim(`(${f.ms} ms)`)}${mark}`);
    }
  }
  const replied = ev.reply === 'success' ? c.green('success') : c.red('fail');
  lines[0] = `${lines[0]}  ${c.dim('→')} ${replied}`;
  return lines;
}

/** The `--json` form: one object per line, texts in the chosen language. */
export function eventJson(
  out: Output,
  ev: NotifyEvent,
): Omit<NotifyEvent, 'statusText' | 'diagnosis'> & { statusText?: string; diagnosis: string[] } {
  return extend(ev, {
    statusText: ev.statusText ? out.t(ev.statusText) : undefined,
    diagnosis: ev.diagnosis.map((d) => out.t(d)),
  });
}

import { formatYuan } from '../core/money.js';
import { cstClock } from '../core/time.js';
import { shown } from '../output/escape.js';
import { notifyText } from '../output/messages/notify.js';
import { verifyText } from '../output/messages/verify.js';
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
    return [`${at}  --> ${tick(out, false)} ${out.t(notifyText('oversize', { bytes: ev.bytes }))}`];
  }
  const lines: string[] = [];
  // diagnoses quote the sender's field values
  const diag = ev.diagnosis.map((d) => shown(out.t(verifyText(d))));
  if (ev.kind === 'malformed') {
    lines.push(
      `${at}  --> ${tick(out, false)} ${out.t(notifyText('unreadable-body'))} (${ev.bytes} B): ${diag.at(-1) ?? ''}`,
    );
  } else {
    const parts = [shown(ev.orderno ?? '?'), shown(ev.txn ?? ev.fields?.subcode ?? '')];
    if (ev.statusText) parts.push(out.t(ev.statusText));
    else if (ev.status !== undefined) parts.push(`status ${shown(ev.status)}`);
    if (ev.amount !== undefined) parts.push(`${formatYuan(ev.amount)} ${out.t(notifyText('yuan'))}`);
    const sig = ev.valid
      ? `${tick(out, true)} ${out.t(notifyText('signature'))}${ev.certid ? c.dim(` (${shown(ev.certid)})`) : ''}`
      : `${tick(out, false)} ${out.t(notifyText('signature'))}: ${diag.find((d) => !/BOM|whitespace|空白/.test(d)) ?? diag[0] ?? ''}`;
    const repeat = ev.repeat ? ` ${c.yellow(out.t(notifyText('repeat')))}` : '';
    lines.push(`${at}  --> ${parts.filter(Boolean).join('  ')}  ${sig}${repeat}`);
  }
  if (ev.notForwarded) {
    lines.push(`${at}  <-- ${c.dim(out.t(notifyText('not-forwarded')))}`);
  }
  if (ev.saveRefused === 'cap') {
    lines.push(`${at}  ${c.yellow(out.t(notifyText('not-saved-cap')))}`);
  }
  const f = ev.forward;
  if (f) {
    const mark = f.verified ? '' : ` ${c.yellow('X-Imp-Verified: false')}`;
    if (f.error) {
      lines.push(
        `${at}  <-- ${c.red.bold(`✖ ${out.t(notifyText('handler-down'))} ${shown(f.url)}: ${shown(f.error)}`)}${mark}`,
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
  return {
    ...ev,
    statusText: ev.statusText ? out.t(ev.statusText) : undefined,
    diagnosis: ev.diagnosis.map((d) => out.t(verifyText(d))),
  };
}

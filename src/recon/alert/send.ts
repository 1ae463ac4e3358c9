import { postRaw } from '../../notify/post.js';
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

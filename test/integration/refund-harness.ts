import { Writable } from 'node:stream';
import { runCommand } from '../../src/cli/run.js';
import { ImpError } from '../../src/core/errors.js';
import { type Journal, Journal as JournalClass, journalPath } from '../../src/journal/index.js';
import { generateOrderNo } from '../../src/protocol/ids.js';
import { callSandbox, type TestSandbox } from '../helpers/sandbox.js';

/** What an in-process `imp` run produced (same parsing and commands as the binary, no process spawn). */
export interface InProcessRun {
  code: number;
  stdout: string;
  stderr: string;
  error?: ImpError;
  // biome-ignore lint/suspicious/noExplicitAny: tests read the --json document freely
  json?: any;
}

function sink() {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, cb) {
      text += String(chunk);
      cb();
    },
  }) as Writable & { isTTY?: boolean };
  return { stream, text: () => text };
}

/**
 * Run `imp <args>` in this process against a test sandbox through `runCommand`, as the binary
 * does: the real command modules, journal and HTTP, without paying a Node start-up per call (two
 * cores shared by the whole team). Anything thrown that is not an ImpError fails the test.
 */
export async function imp(t: TestSandbox, args: string[]): Promise<InProcessRun> {
  const out = sink();
  const err = sink();
  const env = { ...process.env, ...t.env, LANG: 'en_US.UTF-8', NO_COLOR: '1' };
  const r = await runCommand(args, {
    version: '0.0.0-test',
    env,
    cwd: t.root,
    streams: { stdout: out.stream, stderr: err.stream, stdin: { isTTY: false } },
  });
  if (r.error !== undefined && !(r.error instanceof ImpError)) throw r.error;
  const stdout = out.text();
  // under --json stdout is one document: the result, or the failure with its hints
  const json: unknown = r.context?.global.json ? JSON.parse(stdout) : undefined;
  return {
    code: r.exitCode,
    stdout,
    stderr: err.text(),
    json,
    ...(r.error instanceof ImpError ? { error: r.error } : {}),
  };
}

/** A paid order in the sandbox (被扫 with a WeChat code is paid at once). */
export async function paidOrder(t: TestSandbox, amountFen: number): Promise<string> {
  const orderno = generateOrderNo();
  const a = await callSandbox(t.sandbox, 'scan', {
    orderno,
    amt_trans: String(amountFen),
    ordertitle: 'refund test',
    orderdesc: 'refund test',
    auth_code: '134567890123456789',
    return_url: 'http://127.0.0.1:9/return',
    notify_url: 'http://127.0.0.1:9/notify',
    channel_type: '07',
    confflag: '9',
  });
  if (a.fields.respcode !== '00000' || t.sandbox.order(orderno)?.status !== '0') {
    throw new Error(`could not make a paid order: ${a.text}`);
  }
  return orderno;
}

/** Refund records the sandbox holds for an order: the ground truth "no second refund" is checked against. */
export function sandboxRefunds(t: TestSandbox, orderno: string) {
  const o = t.sandbox.order(orderno);
  return o ? t.sandbox.state.refundsOf(o) : [];
}

/** The test profile's journal. */
export function journalOf(t: TestSandbox): Journal {
  return new JournalClass(journalPath({ journalDir: `${t.root}/journal`, name: 'sandbox' }), 'sandbox');
}

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createContext } from '../../src/cli/kit/context.js';
import { startDemoEnv } from '../../src/commands/demo/env.js';
import { bankToday, DEMO_STEPS, type DemoPlan } from '../../src/commands/demo/steps.js';
import { walkSteps } from '../../src/commands/demo/walk.js';
import { generateOrderNo, generateRefundNo } from '../../src/protocol/ids.js';
import { sink } from '../helpers/sink.js';

/** What a POSIX shell makes of a printed command line: its words, `imp` first. */
function shellWords(line: string): string[] {
  const r = spawnSync('sh', ['-c', `printf '%s\\0' ${line}`], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  return r.stdout.split('\0').slice(0, -1);
}

const parents: string[] = [];
afterEach(() => {
  for (const p of parents.splice(0)) rmSync(p, { recursive: true, force: true });
});

// The demo prints each step's command lines and runs argv arrays through runCommand: a shell
// must split every printed line into exactly the argv that ran, in the same order.
describe('imp demo steps', () => {
  it('every printed command line is, word for word, the argv the step ran', { timeout: 90_000 }, async () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'imp-demo-steps-'));
    parents.push(parent);
    const stdout = sink();
    const stderr = sink();
    // --lang and --debug on the demo's own line: its commands take them too, printed and run
    const outer = createContext(
      { json: false, input: false, yes: false, verbose: false, debug: true, lang: 'en' },
      {
        env: { ...process.env, NO_COLOR: '1' },
        cwd: parent,
        streams: { stdout: stdout.stream, stderr: stderr.stream },
      },
    );
    const env = await startDemoEnv(outer, parent);
    const ran: string[][] = [];
    const invoke = env.invoke;
    env.invoke = (argv) => {
      ran.push([...argv]);
      return invoke(argv);
    };
    const plan: DemoPlan = {
      orderno: generateOrderNo(),
      refundno: generateRefundNo(),
      unpaidOrderno: generateOrderNo(),
      unpaidAmount: '1.02',
      date: bankToday(),
      title: "imp demo order's title",
      desc: 'one demo coffee',
    };
    const said: string[] = [];
    let reports: Awaited<ReturnType<typeof walkSteps>>;
    try {
      reports = await walkSteps(env, plan, {}, outer.out, (l) => said.push(l));
    } finally {
      await env.close();
    }
    expect(reports.map((s) => s.key)).toEqual(DEMO_STEPS.map((s) => s.key));
    for (const s of reports)
      expect(s, `${s.key}: ${s.problem ?? s.skipped ?? ''}`).toMatchObject({ ok: true });

    // printed lines, minus the notify step's (the demo's own listener stands in for it)
    const printed = said.filter((l) => l.startsWith('  $ ')).map((l) => l.slice(4));
    const notify = reports.find((s) => s.key === 'notify')?.commands ?? [];
    expect(notify).toHaveLength(1);
    const runLines = printed.filter((l) => !notify.includes(l));
    expect(runLines.length).toBe(ran.length);
    expect(runLines.map(shellWords)).toEqual(ran.map((argv) => ['imp', ...argv]));
    expect(ran.every((argv) => argv.slice(0, 3).join(' ') === '--lang en --debug')).toBe(true);
    // the title with a space and a quote survived the round trip
    expect(ran[0]).toContain("imp demo order's title");
    expect(reports.flatMap((s) => s.commands)).toEqual(printed);
  });
});

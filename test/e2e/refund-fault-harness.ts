import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, utimesSync } from 'node:fs';
import { afterAll, beforeAll, expect } from 'vitest';
import { IMP_BIN } from '../helpers/cli.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { requireService } from '../helpers/services.js';
import { journalOf, sandboxRefunds } from '../integration/refund-harness.js';

/**
 * The fault-and-race suite of "no second refund unless the operator asks for one" (refund-races
 * and refund-faults), against the real sandbox and the built CLI. Each file counts, for every
 * order it refunds, how many refunds were meant, and prints at the end the count that matters:
 * refunds the sandbox recorded beyond those intended (it must be 0).
 */

const FAKETIME = requireService('faketime', ['faketime'], { install: 'apt-get install faketime' });
/** The clock of a re-run: twenty minutes ahead. */
const LATER = ['-f', '+20m'];

/** What a spawned imp run left. */
export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** How to run imp: under a clock 20 minutes ahead, from another directory, without the test profile's env. */
export interface RunOptions {
  later?: boolean;
  cwd?: string;
  bare?: boolean;
}

/** A sandbox for one suite file, with its intended-refund count and the hints its runs printed. */
export interface FaultSuite {
  readonly t: TestSandbox;
  /** Every order the file refunds, with how many refunds were meant. */
  intended: Map<string, number>;
  /** Every command for the operator (`imp -c …`) printed along the way. */
  hints: Set<string>;
  spawnImp(args: string[], o?: RunOptions): ChildProcess;
  finish(child: ChildProcess): Promise<Run>;
  run(args: string[], o?: RunOptions): Promise<Run>;
  journalText(): string;
  lockDir(): string;
}

/** Set up the sandbox of a suite file (beforeAll) and print and check its count (afterAll). */
export function faultSuite(): FaultSuite {
  let sandbox: TestSandbox | undefined;
  const intended = new Map<string, number>();
  const hints = new Set<string>();
  beforeAll(async () => {
    sandbox = await startTestSandbox({
      refundDelayMs: 300,
      slowAnswerMs: 2500,
      profile: { http: { timeoutMs: 1000, connectTimeoutMs: 1000 } },
    });
  });
  afterAll(async () => {
    const t = sandbox as TestSandbox;
    let extra = 0;
    for (const [orderno, n] of intended) extra += Math.max(0, sandboxRefunds(t, orderno).length - n);
    console.log(`refunds recorded by the sandbox beyond those intended: ${extra}`);
    await t?.close();
    expect(extra).toBe(0);
  });
  const suite: FaultSuite = {
    get t() {
      return sandbox as TestSandbox;
    },
    intended,
    hints,
    spawnImp(args, o = {}) {
      const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', LANG: 'en_US.UTF-8' };
      delete env.IMP_CONFIG;
      delete env.IMP_PROFILE;
      if (!o.bare) Object.assign(env, suite.t.env);
      const argv = [IMP_BIN, ...args];
      const cwd = o.cwd ?? suite.t.root;
      return o.later && FAKETIME
        ? spawn(FAKETIME, [...LATER, process.execPath, ...argv], { cwd, env })
        : spawn(process.execPath, argv, { cwd, env });
    },
    finish(child) {
      return new Promise((resolve) => {
        let stdout = '';
        let stderr = '';
        child.stdout?.setEncoding('utf8').on('data', (d) => (stdout += d));
        child.stderr?.setEncoding('utf8').on('data', (d) => (stderr += d));
        child.on('close', (code) => {
          collectHints(hints, stdout + stderr);
          resolve({ code, stdout, stderr });
        });
      });
    },
    run: (args, o = {}) => suite.finish(suite.spawnImp(args, o)),
    journalText: () => readFileSync(journalOf(suite.t).file, 'utf8'),
    lockDir: () => `${journalOf(suite.t).file}.refund.lock`,
  };
  return suite;
}

/** Every `imp -c …` command in a text, up to the end of the command (a bracket or the line's end). */
function collectHints(hints: Set<string>, text: string): void {
  // a hint with a placeholder (<refundno>) is a pattern, not a command to run as printed
  for (const m of text.matchAll(/imp -c [^\s()（）]+(?: [^\s()（）]+)*/g))
    if (!m[0].includes('<')) hints.add(m[0].trim());
}

/** A lock as a kill -9 leaves it: present, not refreshed for a minute. */
export function staleLock(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const old = new Date(Date.now() - 60_000);
  utimesSync(dir, old, old);
}

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Context, createContext } from '../../cli/kit/context.js';
import { runCommand } from '../../cli/run.js';
import type { ResolvedProfile } from '../../config/types.js';
import type { NotifyEvent, NotifyListener } from '../../notify/server.js';
import type { Output, OutputStreams } from '../../output/output.js';
import type { SandboxHandle } from '../../sandbox/index.js';

/** What running one real command line inside the demo gave. */
export interface Invocation {
  exitCode: number;
  /** The command's `--json` document (its result, or nothing when it threw). */
  // biome-ignore lint/suspicious/noExplicitAny: each command's document has its own shape; steps read the few fields they need.
  json?: any;
  /** The first line of what the command threw (already reported on the streams). */
  error?: string;
}

/** Everything `imp demo` runs against: a sandbox, a throwaway config and a notification listener. */
export interface DemoEnv {
  /** The temp dir holding everything; removed by {@link DemoEnv.close}. */
  root: string;
  configPath: string;
  sandbox: SandboxHandle;
  /** Where the sandbox posts notifications (the listener's URL). */
  notifyUrl: string;
  /**
   * The global flags of the demo's own command line that its commands take too (`--lang`,
   * `--verbose`, `--debug`): part of every command line the demo prints and runs.
   */
  globals: string[];
  /** Where the commands draw (stderr under the demo's `--json`). */
  out: Output;
  /**
   * Run `imp <argv…>` through `runCommand`, as typed after `export IMP_CONFIG=<configPath>
   * IMP_PROFILE=sandbox` in the demo dir, off a terminal (never prompting).
   */
  invoke(argv: readonly string[]): Promise<Invocation>;
  /** Every request the listener received so far. */
  events: NotifyEvent[];
  /** The first received notification matching `match`, or undefined after `ms`. */
  waitEvent(match: (e: NotifyEvent) => boolean, ms: number): Promise<NotifyEvent | undefined>;
  /** Stop the listener and the sandbox, remove the temp dir. Safe to call twice. */
  close(): Promise<void>;
}

/** How long the sandbox waits before paying an order by itself: longer than the demo, so step 2's payment is the one. */
const AUTO_PAY_MS = 60_000;

/** The temp dir and what must be undone before it goes (last started, first stopped). */
interface Workspace {
  root: string;
  closers: (() => Promise<void>)[];
  close(): Promise<void>;
}

/**
 * Make the temp dir under `parent` (else the system's). Ctrl-C (or a closed terminal) must not
 * leave keys and secrets behind in /tmp: remove the dir, then let the signal take its default
 * course (exit 130) — there is nothing else to wait for.
 */
function workspace(outer: Context, parent: string | undefined): Workspace {
  const base = parent ? path.resolve(outer.cwd, parent) : tmpdir();
  mkdirSync(base, { recursive: true });
  const root = mkdtempSync(path.join(base, 'imp-demo-'));
  const closers: (() => Promise<void>)[] = [];
  let closing: Promise<void> | undefined;
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const onSignal = (sig: NodeJS.Signals) => {
    rmSync(root, { recursive: true, force: true });
    for (const s of signals) process.off(s, onSignal);
    process.kill(process.pid, sig);
  };
  for (const s of signals) process.once(s, onSignal);
  const close = () => {
    closing ??= (async () => {
      for (const s of signals) process.off(s, onSignal);
      // listener first, so the sandbox's last retries find nobody rather than a half-closed server
      for (const c of closers.reverse()) await c().catch(() => undefined);
      rmSync(root, { recursive: true, force: true });
    })();
    return closing;
  };
  return { root, closers, close };
}

/** A notification listener on a free loopback port that keeps every event and can wait for one. */
async function startEventListener(
  resolved: ResolvedProfile,
): Promise<Pick<DemoEnv, 'events' | 'waitEvent'> & { listener: NotifyListener }> {
  const { platformPublicKeys, merchantPublicKey } = await import('../../keys/profile-keys.js');
  const { startNotifyListener } = await import('../../notify/server.js');
  const events: NotifyEvent[] = [];
  const waiters = new Set<() => void>();
  const listener = await startNotifyListener({
    host: '127.0.0.1',
    port: 0,
    apikey: resolved.apikey,
    keys: await platformPublicKeys(resolved),
    otherKeys: await merchantPublicKey(resolved).then(
      (k) => [k],
      () => [],
    ),
    onEvent(ev) {
      events.push(ev);
      for (const w of waiters) w();
    },
  });
  const waitEvent: DemoEnv['waitEvent'] = (match, ms) => {
    const found = events.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => {
      const done = (ev: NotifyEvent | undefined) => {
        clearTimeout(timer);
        waiters.delete(check);
        resolve(ev);
      };
      const check = () => {
        const ev = events.find(match);
        if (ev) done(ev);
      };
      const timer = setTimeout(() => done(undefined), ms);
      waiters.add(check);
    });
  };
  return { listener, events, waitEvent };
}

/**
 * Start the demo's world on free loopback ports. `parent` (IMP_DEMO_DIR) is where the
 * temp dir goes; the commands draw on the outer context's streams (stderr under `--json`).
 */
export async function startDemoEnv(outer: Context, parent: string | undefined): Promise<DemoEnv> {
  const { root, closers, close } = workspace(outer, parent);
  try {
    const { startSandbox } = await import('../../sandbox/index.js');
    const sandbox = await startSandbox({
      dataDir: path.join(root, 'data'),
      host: '127.0.0.1',
      port: 0,
      sftpPort: 0,
      fast: true,
      autoPayAfterMs: AUTO_PAY_MS,
      publishRecon: false,
    });
    closers.push(() => sandbox.close());

    const { sandboxProfile } = await import('../../config/sandbox-profile.js');
    const configPath = path.join(root, 'imp.config.json');
    const profile: Record<string, unknown> = {
      ...sandboxProfile(sandbox.dataDir, root, sandbox.baseUrl),
      http: { timeoutMs: 5000 },
    };
    const writeConfig = () =>
      writeFile(
        configPath,
        `${JSON.stringify({ defaultProfile: 'sandbox', profiles: { sandbox: profile } }, null, 2)}\n`,
        { mode: 0o600 },
      );
    // The listener needs the profile's platform keys, and the profile needs the listener's URL
    // (never the default 8460, where the user may run a listener of their own): write twice.
    await writeConfig();
    const keysCtx = commandContext(outer, configPath, root);
    const { listener, events, waitEvent } = await startEventListener(await keysCtx.profile());
    closers.push(() => listener.close());
    const notifyUrl = `${listener.url.replace(/\/$/, '')}/notify`;
    profile.notifyUrl = notifyUrl;
    await writeConfig();

    const streams = commandStreams(outer);
    const env = { ...outer.env, IMP_CONFIG: configPath, IMP_PROFILE: 'sandbox' };
    return {
      root,
      configPath,
      sandbox,
      notifyUrl,
      globals: passedGlobals(outer),
      out: keysCtx.out,
      async invoke(argv) {
        const r = await runCommand(argv, { env, cwd: root, streams });
        const error = r.error === undefined ? undefined : firstLine(r.error);
        return { exitCode: r.exitCode, json: r.json, ...(error === undefined ? {} : { error }) };
      },
      events,
      waitEvent,
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

/** Under the demo's `--json` its commands draw on stderr, keeping stdout for the summary. */
function commandStreams(outer: Context): OutputStreams & { stdin: { isTTY: false } } {
  const streams = outer.global.json
    ? { stdout: outer.out.streams.stderr, stderr: outer.out.streams.stderr }
    : outer.out.streams;
  return { ...streams, stdin: { isTTY: false } };
}

/** The demo's own global flags its commands take too. */
function passedGlobals(outer: Context): string[] {
  return [
    ...(outer.global.lang ? ['--lang', outer.lang] : []),
    ...(outer.global.verbose ? ['--verbose'] : []),
    ...(outer.global.debug ? ['--debug'] : []),
  ];
}

function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message.split('\n')[0] : String(err)) || 'internal error';
}

/**
 * The context that reads the demo's profile (for the listener's keys) and draws where the
 * commands draw: as if the user typed `imp -c <config> -p sandbox --no-input …`.
 */
function commandContext(outer: Context, configPath: string, cwd: string): Context {
  return createContext(
    {
      config: configPath,
      profile: 'sandbox',
      json: false,
      input: false,
      yes: false,
      verbose: outer.global.verbose,
      debug: outer.global.debug,
      lang: outer.lang,
    },
    { env: outer.env, cwd, streams: commandStreams(outer) },
  );
}

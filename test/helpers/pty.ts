import { IMP_BIN } from './cli.js';

/** Strip colours and cursor movement so the screen text can be searched. */
const plain = (s: string) => s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');

/** Where and how {@link spawnTerm} runs the CLI. */
export interface TermOptions {
  cwd: string;
  /** Added to process.env (LANG=en_US.UTF-8 and NO_COLOR=1 are set first). */
  env?: Record<string, string | undefined>;
  cols?: number;
  rows?: number;
}

/** Drive the built CLI in a pseudo-terminal: wait for text on screen, type answers. */
export async function spawnTerm(args: string[], opts: TermOptions) {
  const { default: pty } = await import('node-pty');
  const term = pty.spawn(process.execPath, [IMP_BIN, ...args], {
    name: 'xterm',
    cols: opts.cols ?? 220,
    rows: opts.rows ?? 50,
    cwd: opts.cwd,
    env: { ...process.env, LANG: 'en_US.UTF-8', NO_COLOR: '1', ...opts.env } as Record<string, string>,
  });
  let screen = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  term.onData((d) => {
    screen += d;
    for (const w of [...waiters]) {
      if (plain(screen).includes(w.text)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  });
  const exited = new Promise<number>((resolve) => term.onExit((e) => resolve(e.exitCode)));
  /** Resolves once `text` is on screen; fails after 15 s showing the screen. */
  const seen = (text: string) =>
    new Promise<void>((resolve, reject) => {
      if (plain(screen).includes(text)) return resolve();
      const timer = setTimeout(() => reject(new Error(`never saw '${text}' in:\n${plain(screen)}`)), 15_000);
      waiters.push({
        text,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  return { term, exited, seen, text: () => plain(screen) };
}

import type { Output } from './output.js';

/** The small part of ora the commands use; a no-op when stderr is not a terminal or in `--json`. */
export interface Spinner {
  text(text: string): void;
  succeed(text?: string): void;
  fail(text?: string): void;
  stop(): void;
}

const silent: Spinner = { text() {}, succeed() {}, fail() {}, stop() {} };

/** Start a spinner on stderr; ora is imported only when a spinner is really drawn. */
export async function startSpinner(out: Output, text: string): Promise<Spinner> {
  if (!out.live) return silent;
  const { default: ora } = await import('ora');
  const s = ora({ text, stream: out.streams.stderr as NodeJS.WriteStream }).start();
  return {
    text(t) {
      s.text = t;
    },
    succeed(t) {
      s.succeed(t);
    },
    fail(t) {
      s.fail(t);
    },
    stop() {
      s.stop();
    },
  };
}

import type { Text } from '../output/i18n.js';
import type { Output } from '../output/output.js';

/** The part of a progress bar a batch uses. */
export interface Progress {
  /** One more row done; `state` is shown beside the bar (translated only when there is a bar). */
  tick(state: Text): void;
  stop(): void;
}

const silent: Progress = { tick() {}, stop() {} };

/**
 * A cli-progress bar on stderr, drawn only when stderr is a terminal (and not in
 * `--json`); cli-progress is imported only then.
 */
export async function startProgress(out: Output, total: number, label: string): Promise<Progress> {
  if (!out.live || out.json || total === 0) return silent;
  // cli-progress is CommonJS: its exports are the default export, bundled or not (named exports
  // exist only where Node's CommonJS lexer finds them, which the bundle does not use)
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar(
    {
      stream: out.streams.stderr as NodeJS.WriteStream,
      format: `${label} {bar} {value}/{total} {percentage}% | {eta_formatted} | {last}`,
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { last: '' });
  return {
    tick(state) {
      bar.increment(1, { last: out.t(state) });
    },
    stop() {
      bar.stop();
    },
  };
}

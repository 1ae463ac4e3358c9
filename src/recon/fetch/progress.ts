import type { Output } from '../../output/output.js';

/** Files smaller than this download before a bar would be worth drawing. */
const MIN_BYTES = 1024 * 1024;

/** A download progress handler drawing a cli-progress bar on stderr (TTY only), and its stop. */
export interface ProgressDisplay {
  onProgress?: (name: string, done: number, total: number) => void;
  stop(): void;
}

export async function progressDisplay(out: Output): Promise<ProgressDisplay> {
  if (!out.live || out.json) return { stop() {} };
  const { default: cliProgress } = await import('cli-progress');
  let bar: import('cli-progress').SingleBar | undefined;
  let current = '';
  const stop = () => {
    bar?.stop();
    bar = undefined;
  };
  return {
    onProgress(name, done, total) {
      if (total < MIN_BYTES) return;
      if (name !== current) {
        stop();
        current = name;
        bar = new cliProgress.SingleBar(
          {
            stream: out.streams.stderr as NodeJS.WriteStream,
            format: `${name} [{bar}] {percentage}% {value}/{total} B`,
            hideCursor: true,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, 0);
      }
      bar?.update(done);
      if (done >= total) stop();
    },
    stop,
  };
}

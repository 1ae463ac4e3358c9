/** Resolve on the first Ctrl-C (SIGINT) or SIGTERM: how foreground servers know to shut down. */
export function waitForInterrupt(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const done = (sig: NodeJS.Signals) => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve(sig);
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}

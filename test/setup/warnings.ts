import { afterAll, afterEach } from 'vitest';

// A process warning in a test run is a bug, not noise: a FileHandle left to the garbage collector
// (DEP0137), a listener leak (MaxListenersExceededWarning), a deprecated API. Each test file
// fails on the warnings it caused. The collector runs once at the end (vitest starts the
// workers with --expose-gc) so a handle nobody closed warns here, not in some later file.
const seen: string[] = [];
const onWarning = (w: Error & { code?: string }) => {
  if (w.name === 'ExperimentalWarning') return;
  seen.push(`${w.name}${w.code ? ` ${w.code}` : ''}: ${w.message}`);
};
process.on('warning', onWarning);

function failOnWarnings(when: string): void {
  if (!seen.length) return;
  const list = seen.splice(0).join('\n  ');
  throw new Error(`process warning ${when}:\n  ${list}`);
}

afterEach(() => failOnWarnings('during this test'));

afterAll(async () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    // a collected FileHandle's warning is emitted on a later tick
    await new Promise((r) => setTimeout(r, 20));
  }
  process.off('warning', onWarning);
  failOnWarnings('after this file (objects left to the garbage collector)');
});

import { Writable } from 'node:stream';

/** A non-terminal output stream that keeps what is written to it, for commands run in-process. */
export function sink() {
  let text = '';
  const stream = Object.assign(
    new Writable({
      write(chunk, _enc, done) {
        text += String(chunk);
        done();
      },
    }),
    { isTTY: false },
  );
  return { stream, text: () => text };
}

import type http from 'node:http';

/** A request body as the listener reads it: whole, too large (counted, drained), or cut off. */
export type Body = { kind: 'ok'; data: Buffer } | { kind: 'oversize'; bytes: number } | { kind: 'aborted' };

/** Read a request body of at most `max` bytes; past it, drain the rest so the client reads the 413. */
export function readBody(req: http.IncomingMessage, max: number): Promise<Body> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > max) {
    // drain rather than reset, so the client reads the 413
    req.resume();
    return Promise.resolve({ kind: 'oversize', bytes: declared });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > max) {
        req.off('data', onData);
        chunks.length = 0;
        // keep draining so the client can read the 413 instead of a reset
        req.resume();
        resolve({ kind: 'oversize', bytes: size });
        return;
      }
      chunks.push(c);
    };
    req.on('data', onData);
    req.on('end', () => resolve({ kind: 'ok', data: Buffer.concat(chunks) }));
    // a body cut off (deadline, client gone): nothing to answer, and its chunks are dropped
    req.on('close', () => resolve({ kind: 'aborted' }));
    req.on('error', () => resolve({ kind: 'aborted' }));
  });
}

// The benches' reference client transport: plain node:http keep-alive POSTs of a form, the least
// a client of the platform can do per request (imp's own path goes through got; see src/http).
import http from 'node:http';

/**
 * `post(body)` resolves with `{ status, body }` (body a Buffer) and rejects on a transport
 * error; `close()` drops the keep-alive connections.
 */
export function formPoster(url, connections) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const target = new URL(url);
  const post = (body) =>
    new Promise((resolve, reject) => {
      const req = http.request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          const chunks = [];
          res.on('data', (d) => chunks.push(d));
          res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks) }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  return { post, close: () => agent.destroy() };
}

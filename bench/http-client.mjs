// What got costs per request: imp's HTTP path (src/http/got-poster.ts, got 14) against plain
// node:http keep-alive (bench/lib/form-poster.mjs), both POSTing the same form to a trivial
// server on 127.0.0.1 in another process, 16 at a time. Prints the client CPU per request of
// each, best of BENCH_ROUNDS (default 5) alternating rounds of BENCH_REQUESTS (default 10000).
// `--json` prints `{ gotMs, nodeMs }` instead (bench/batch-query.mjs uses it). Not a test.
import { execFileSync, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formPoster } from './lib/form-poster.mjs';

if (process.argv[2] === '--server') {
  // answers like the platform does in size, with no work of its own
  const answer = `respcode=00000&respmsg=ok&${'x'.repeat(600)}`;
  const server = http.createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
    req.resume();
    req.on('end', () => res.end(answer));
  });
  server.listen(0, '127.0.0.1', () => process.send?.(server.address().port));
  process.on('disconnect', () => process.exit(0));
} else {
  const root = fileURLToPath(new URL('..', import.meta.url));
  if (!existsSync(path.join(root, 'dist/http/got-poster.js'))) {
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  }
  const { posterFor } = await import(path.join(root, 'dist/http/got-poster.js'));
  const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
  const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 10_000);
  const CONCURRENCY = 16;
  const server = fork(fileURLToPath(import.meta.url), ['--server'], { stdio: 'ignore' });
  try {
    const port = await new Promise((resolve) => server.once('message', resolve));
    const url = new URL(`http://127.0.0.1:${port}/gateway/query`);
    const body = `busino=8000001&orderno=${'1'.repeat(24)}&sign=${'s'.repeat(344)}&sign_type=RSA`;
    const viaGot = await posterFor(url, { timeoutMs: 30_000, connectTimeoutMs: 5_000 }, {});
    const viaNode = formPoster(url.href, CONCURRENCY);
    const clients = {
      got: () => viaGot.post(url, body),
      node: () => viaNode.post(body),
    };
    const cpuPerRequest = async (send) => {
      let next = 0;
      const start = process.cpuUsage();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next++ < REQUESTS) await send();
        }),
      );
      const used = process.cpuUsage(start);
      return (used.user + used.system) / 1000 / REQUESTS;
    };
    const best = { got: Infinity, node: Infinity };
    // a first round of each warms the JIT and opens the connections; then take turns
    for (let round = 0; round <= ROUNDS; round++) {
      for (const name of /** @type {const} */ (['got', 'node'])) {
        const ms = await cpuPerRequest(clients[name]);
        if (round > 0) best[name] = Math.min(best[name], ms);
      }
    }
    viaNode.close();
    if (process.argv.includes('--json')) {
      console.log(JSON.stringify({ gotMs: best.got, nodeMs: best.node }));
    } else {
      console.log(
        `client CPU per request (best of ${ROUNDS}, ${REQUESTS} requests at concurrency ${CONCURRENCY}, trivial server on 127.0.0.1):`,
      );
      console.log(`  imp's poster (got 14): ${best.got.toFixed(3)} ms`);
      console.log(`  plain node:http:       ${best.node.toFixed(3)} ms`);
      console.log(
        `  got adds ${(best.got - best.node).toFixed(3)} ms per request (${(best.got / best.node).toFixed(2)}x)`,
      );
    }
  } finally {
    server.disconnect();
  }
}

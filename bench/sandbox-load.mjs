// Load client for bench/sandbox.mjs, run as a separate process: POSTs one pre-signed body
// `count` times with `concurrency` keep-alive connections, bounded by `maxMs`; prints JSON.
import http from 'node:http';

const [url, bodyB64, count, concurrency, maxMs] = process.argv.slice(2);
const body = Buffer.from(bodyB64, 'base64');
const total = Number(count);
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(concurrency) });
const target = new URL(url);
let sent = 0;
let ok = 0;
let errors = 0;
const deadline = Date.now() + Number(maxMs);

function one() {
  return new Promise((resolve) => {
    const req = http.request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': body.length },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () => {
          if (res.statusCode === 200 && text.includes('respcode=00000') && text.includes('sign=')) ok++;
          else errors++;
          resolve();
        });
      },
    );
    req.on('error', () => {
      errors++;
      resolve();
    });
    req.end(body);
  });
}

async function worker() {
  while (sent < total && Date.now() < deadline) {
    sent++;
    await one();
  }
}

const start = process.hrtime.bigint();
await Promise.all(Array.from({ length: Number(concurrency) }, worker));
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
agent.destroy();
process.stdout.write(`${JSON.stringify({ ok, errors, seconds })}\n`);

// Load client for bench/sandbox.mjs, run as a separate process: POSTs one pre-signed body
// `count` times with `concurrency` keep-alive connections, bounded by `maxMs`; prints JSON.
import { formPoster } from './lib/form-poster.mjs';

const [url, bodyB64, count, concurrency, maxMs] = process.argv.slice(2);
const body = Buffer.from(bodyB64, 'base64');
const total = Number(count);
const poster = formPoster(url, Number(concurrency));
let sent = 0;
let ok = 0;
let errors = 0;
const deadline = Date.now() + Number(maxMs);

async function one() {
  try {
    const res = await poster.post(body);
    const text = res.body.toString('utf8');
    if (res.status === 200 && text.includes('respcode=00000') && text.includes('sign=')) ok++;
    else errors++;
  } catch {
    errors++;
  }
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
poster.close();
process.stdout.write(`${JSON.stringify({ ok, errors, seconds })}\n`);

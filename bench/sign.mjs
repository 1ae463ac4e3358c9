// Signing throughput: imp's signer (node:crypto, in process) against
// `openssl speed -seconds 2 rsa2048` sign/s on the same machine. Goal (issue 2): ≥ 0.9x.
// Needs the build (dist/). Both sides run single-threaded, interleaved for a few rounds,
// and each keeps its best round: the machine is shared, and a burst of load elsewhere
// should not decide the ratio.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const { loadPrivateKey } = await import('../dist/keys/load.js');
const { rsaSign, signRequest } = await import('../dist/protocol/signer.js');

const vectors = JSON.parse(
  readFileSync(new URL('../test/fixtures/vectors/signatures.json', import.meta.url), 'utf8'),
);
const request = vectors.vectors.find((v) => v.kind === 'request');
const key = await loadPrivateKey({
  path: fileURLToPath(new URL('../test/fixtures/vectors/keys/merchant-private.pem', import.meta.url)),
});
const seconds = Number(process.env.BENCH_SECONDS ?? 2);

// `openssl speed` divides by user CPU time (its default; `-elapsed` would use wall time),
// so the node side does the same: on a loaded machine wall time measures the neighbours.
function nodeRate(fn) {
  let n = 0;
  const end = performance.now() + seconds * 1000;
  const cpu0 = process.cpuUsage();
  while (performance.now() < end) {
    fn();
    n++;
  }
  const userSeconds = process.cpuUsage(cpu0).user / 1e6;
  return n / userSeconds;
}

// The goal compares signing (SHA256withRSA over the canonical string, Base64), as openssl
// speed signs; the whole request path (canonical string built too) is shown beside it.
const signOnly = () => rsaSign(request.canonical, key);
const wholeRequest = () => signRequest(request.fields, vectors.apikey, key);

function opensslRate() {
  const r = spawnSync('openssl', ['speed', '-seconds', String(seconds), 'rsa2048'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl speed failed: ${r.stderr}`);
  const lines = r.stdout.split('\n');
  const header = lines.find((l) => /sign\/s/.test(l));
  const data = lines.find((l) => /^rsa\s+2048\s+bits/.test(l));
  if (!header || !data) throw new Error(`unexpected openssl speed output:\n${r.stdout}`);
  // columns after "rsa 2048 bits" line up with the header's names
  const names = header.trim().split(/\s+/);
  const values = data
    .replace(/^rsa\s+2048\s+bits\s+/, '')
    .trim()
    .split(/\s+/);
  return Number.parseFloat(values[names.indexOf('sign/s')]);
}

const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
nodeRate(signOnly); // warm-up
let node = 0;
let whole = 0;
let openssl = 0;
for (let i = 0; i < rounds; i++) {
  node = Math.max(node, nodeRate(signOnly));
  openssl = Math.max(openssl, opensslRate());
  whole = Math.max(whole, nodeRate(wholeRequest));
}
const ratio = node / openssl;
console.log(
  `sign: imp ${node.toFixed(0)}/s vs openssl ${openssl.toFixed(0)}/s = ${ratio.toFixed(2)}x (goal ≥ 0.9x)`,
);
console.log(
  `sign: whole request (canonical + sign + Base64) ${whole.toFixed(0)}/s = ${(whole / openssl).toFixed(2)}x`,
);
process.exitCode = ratio >= 0.9 ? 0 : 1;

// Start-up cost of the CLI: `imp --help` and `imp --version` against a bare `node -e 0`.
// Goal (issue 2): ≤ 1.4x. Runs are interleaved so that load from other processes
// falls on both sides alike; the medians are compared.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/imp.js', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 21);

function once(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

for (const flag of ['--help', '--version']) {
  const bare = [];
  const imp = [];
  for (let i = 0; i < runs + 2; i++) {
    const b = once(['-e', '0']);
    const t = once([bin, flag]);
    if (i >= 2) {
      bare.push(b);
      imp.push(t);
    }
  }
  const ratio = median(imp) / median(bare);
  console.log(
    `startup imp ${flag}: ${median(imp).toFixed(1)} ms vs node -e 0 ${median(bare).toFixed(1)} ms = ${ratio.toFixed(2)}x (goal ≤ 1.40x) ${ratio <= 1.4 ? 'OK' : 'MISS'}`,
  );
}

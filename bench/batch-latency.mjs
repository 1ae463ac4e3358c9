// Batches against a platform that takes its time (issue 15). `imp query --batch` against the
// sandbox started with a latency (as `imp sandbox --latency 50` does), through a small counting
// HTTP relay in this process that notes when each request reaches the platform. Three parts:
//  - latency: 2,000 rows at --concurrency 16 against 50 ms: wall ≤ 1.15x of ideal, ideal being
//    rows × latency ÷ concurrency plus imp's start-up (the wall of a one-row batch less one latency);
//  - rate: --rate 40/s for 60 s: the requests reaching the platform in the first 60 s hold within 2%
//    of the rate, and no second (sliding, 1 s) holds more than the rate allows;
//  - memory: peak RSS of the batch at 100,000 rows ≤ 1.15x the peak at 10,000 rows (no latency);
//  - floor (not run by default): the latency part's runs paired with bench/lib/floor-client.mjs, a
//    minimal got client (sign, post, verify; no journal, pacing or result rows), same ratio: what
//    got, Node's HTTP and the RSA work leave of the 1.15x.
// Rows name orders the sandbox does not know: each is still one signed query and one verified
// answer (a business failure), which is all the batch machinery sees. BENCH_PARTS picks parts
// (comma list); BENCH_ROWS_LARGE (100000) and BENCH_RATE_SECONDS (60) change the sizes;
// BENCH_NODE_ARGS adds node options to the imp runs (`--cpu-prof --cpu-prof-dir=…`); BENCH_RUNS
// (5) the runs of each side in parts latency and floor. With BENCH_IMP_B, the two builds run in
// turn and the pair ratios (wall of this build ÷ wall of B, run after run) are printed too: on a
// shared machine they move less than either side's ratio to the ideal.
// Prints the figures; exit 0 either way (not a test).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
if (!existsSync(path.join(root, 'dist/cli/start.cjs'))) {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
}
const dist = (p) => import(path.join(root, 'dist', p));
const { startSandbox } = await dist('sandbox/index.js');
const { sandboxProfile } = await dist('config/sandbox-profile.js');

const PARTS = (process.env.BENCH_PARTS ?? 'latency,rate,memory').split(',');
const FLOOR = path.join(root, 'bench/lib/floor-client.mjs');
// BENCH_IMP runs another build's bin/imp.js (comparing two builds against the same sandbox)
const IMP = process.env.BENCH_IMP ?? path.join(root, 'bin/imp.js');
// BENCH_IMP_B: a second build's bin/imp.js, run in turn with the first in part latency (paired)
const IMP_B = process.env.BENCH_IMP_B;
const LATENCY = 50;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
const MAXRSS_HOOK =
  'data:text/javascript,process.on("exit",()=>{const u=process.resourceUsage();process.stderr.write("MAXRSS:"+u.maxRSS+" CPU:"+(u.userCPUTime+u.systemCPUTime)+"\\n")})';

const dir = mkdtempSync(path.join(tmpdir(), 'imp-bench-latency-'));
let files = 0;
const csv = (name, n) => {
  const file = path.join(dir, name);
  // short enough for the spec's order number length at six-digit row numbers
  const prefix = `b${(Date.now() % 1e9).toString(36)}${(files++).toString(36)}`;
  writeFileSync(file, `orderno\n${Array.from({ length: n }, (_, i) => `${prefix}${i}`).join('\n')}\n`);
  return file;
};

/** A sandbox (fresh data dir) behind a relay that records each request's arrival time. */
async function platform(latencyMs) {
  const dataDir = mkdtempSync(path.join(dir, 'data-'));
  const sb = await startSandbox({ dataDir, sftpPort: false, publishRecon: false, fast: true, latencyMs });
  const target = new URL(sb.baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const arrivals = [];
  const relay = http.createServer((req, res) => {
    arrivals.push(performance.now());
    const up = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
        agent,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise((r) => relay.listen(0, '127.0.0.1', r));
  const via = new URL(sb.baseUrl);
  via.port = String(relay.address().port);
  let n = 0;
  return {
    arrivals,
    /** A config with a fresh journal, pointing at the relay. */
    env() {
      const configPath = path.join(dir, `imp${n++}.config.json`);
      const profile = {
        ...sandboxProfile(dataDir, dir, via.href),
        journal: { dir: path.join(dir, `journal${n}`) },
        http: { timeoutMs: 30_000 },
      };
      writeFileSync(
        configPath,
        JSON.stringify({ defaultProfile: 'sandbox', profiles: { sandbox: profile } }),
      );
      return { IMP_CONFIG: configPath, IMP_PROFILE: 'sandbox', NO_COLOR: '1' };
    },
    async close() {
      relay.closeAllConnections();
      relay.close();
      agent.destroy();
      await sb.close();
    },
  };
}

function imp(args, env, script = IMP) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [...nodeArgs, '--import', MAXRSS_HOOK, script, ...args], {
      cwd: dir,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => {
      const rss = Number(/MAXRSS:(\d+)/.exec(stderr)?.[1] ?? 0) * 1024;
      const cpuMs = Number(/CPU:(\d+)/.exec(stderr)?.[1] ?? 0) / 1000;
      resolve({ code, ms: performance.now() - started, rss, cpuMs, stdout, stderr, started });
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const batch = (file, more = []) => ['--json', 'query', '--batch', file, '--rate', 'off', ...more];
/** The batch's summary counts, or why there are none. */
const counts = (r) => {
  try {
    return JSON.stringify(JSON.parse(r.stdout).summary);
  } catch {
    return `exit ${r.code}: ${r.stderr.trim().split('\n')[0]}`;
  }
};

try {
  if (PARTS.includes('latency') || PARTS.includes('floor')) {
    const p = await platform(LATENCY);
    const ROWS = 2000;
    const CONC = 16;
    const one = csv('one.csv', 1);
    const rows = csv('latency.csv', ROWS);
    // imp's batch, and (part floor) the minimal client in turn with it, against the same platform
    const sides = [
      ...(PARTS.includes('latency') ? [['imp', (file, conc) => imp(batch(file, conc), p.env())]] : []),
      ...(PARTS.includes('latency') && IMP_B
        ? [['imp (BENCH_IMP_B)', (file, conc) => imp(batch(file, conc), p.env(), IMP_B)]]
        : []),
      ...(PARTS.includes('floor')
        ? [['floor', (file, conc) => imp([p.env().IMP_CONFIG, file, conc[1] ?? '1'], {}, FLOOR)]]
        : []),
    ].map(([name, run]) => ({ name, run, startups: [], walls: [], cpus: [], platformCpus: [] }));
    for (let i = 0; i < RUNS; i++) {
      for (const side of sides) {
        const s = await side.run(one, []);
        if (s.code !== 0 && s.code !== 1) throw new Error(`${side.name} exited ${s.code}: ${s.stderr}`);
        side.startups.push(s.ms - LATENCY);
        const c0 = process.cpuUsage();
        const r = await side.run(rows, ['--concurrency', String(CONC)]);
        const c1 = process.cpuUsage(c0);
        side.platformCpus.push((c1.user + c1.system) / 1000);
        if (r.code !== 0 && r.code !== 1) throw new Error(`${side.name} exited ${r.code}: ${r.stderr}`);
        side.walls.push(r.ms);
        side.cpus.push(r.cpuMs);
      }
    }
    for (const side of sides) {
      const ideal = (ROWS * LATENCY) / CONC + median(side.startups);
      const ratios = side.walls.map((w) => w / ideal);
      const r = median(ratios);
      const verdict = side.name.startsWith('imp')
        ? ` (goal ≤ 1.15x) ${r <= 1.15 ? 'OK' : 'MISS'}`
        : ' (the floor)';
      console.log(
        `${side.name.startsWith('imp') ? `batch, ${side.name},` : 'minimal got client'} ${ROWS} rows, --concurrency ${CONC}, latency ${LATENCY} ms: wall ${(median(side.walls) / 1000).toFixed(2)} s vs ideal ${(ideal / 1000).toFixed(2)} s (start-up ${median(side.startups).toFixed(0)} ms; ${side.name.startsWith('imp') ? 'imp' : 'client'} CPU ${(median(side.cpus) / ROWS).toFixed(2)} ms a row, sandbox and relay ${(median(side.platformCpus) / ROWS).toFixed(2)} ms) = ${r.toFixed(3)}x (spread ${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)}, ${RUNS} runs)${verdict}`,
      );
    }
    const [a, b] = sides;
    if (IMP_B && a && b?.name === 'imp (BENCH_IMP_B)') {
      const pairs = a.walls.map((w, i) => w / b.walls[i]);
      const cpus = a.cpus.map((c, i) => c / b.cpus[i]);
      console.log(
        `paired, this build ÷ BENCH_IMP_B, run after run: wall ${median(pairs).toFixed(3)}x (spread ${Math.min(...pairs).toFixed(3)}–${Math.max(...pairs).toFixed(3)}), CPU ${median(cpus).toFixed(3)}x (spread ${Math.min(...cpus).toFixed(3)}–${Math.max(...cpus).toFixed(3)}), ${RUNS} pairs`,
      );
    }
    await p.close();
  }

  if (PARTS.includes('rate')) {
    const p = await platform(LATENCY);
    const RATE = 40;
    const SECONDS = Number(process.env.BENCH_RATE_SECONDS ?? 60);
    const rows = csv('rate.csv', RATE * (SECONDS + 3));
    const r = await imp(['query', '--batch', rows, '--concurrency', '16', '--rate', `${RATE}/s`], p.env());
    const t = p.arrivals;
    const first = t[0];
    const inWindow = t.filter((x) => x < first + SECONDS * 1000).length;
    const held = inWindow / SECONDS;
    // the most requests in any 1 s window (sliding, starting at each arrival)
    let most = 0;
    for (let i = 0, j = 0; i < t.length; i++) {
      while (j < t.length && t[j] < t[i] + 1000) j++;
      most = Math.max(most, j - i);
    }
    const off = Math.abs(held / RATE - 1);
    console.log(
      `--rate ${RATE}/s over ${SECONDS} s: ${held.toFixed(2)} requests/s at the platform (${(off * 100).toFixed(2)}% off; goal ≤ 2%) ${off <= 0.02 ? 'OK' : 'MISS'}; busiest 1 s window ${most} requests (goal ≤ ${RATE + 1}) ${most <= RATE + 1 ? 'OK' : 'MISS'}; exit ${r.code}`,
    );
    await p.close();
  }

  if (PARTS.includes('memory')) {
    const p = await platform(0);
    const LARGE = Number(process.env.BENCH_ROWS_LARGE ?? 100_000);
    const small = csv('mem-small.csv', LARGE / 10);
    const large = csv('mem-large.csv', LARGE);
    const a = await imp(batch(small, ['--concurrency', '16']), p.env());
    const b = await imp(batch(large, ['--concurrency', '16']), p.env());
    const ratio = b.rss / a.rss;
    console.log(
      `peak RSS: ${LARGE / 10} rows ${(a.rss / 2 ** 20).toFixed(1)} MiB (${(a.ms / 1000).toFixed(1)} s), ${LARGE} rows ${(b.rss / 2 ** 20).toFixed(1)} MiB (${(b.ms / 1000).toFixed(1)} s) = ${ratio.toFixed(3)}x (goal ≤ 1.15x) ${ratio <= 1.15 ? 'OK' : 'MISS'}; rows ${counts(a)} and ${counts(b)}`,
    );
    await p.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// Interactive commands: whole-process wall time of `imp …`, paired with `node -e 0`, with the
// sandbox running locally (in this process, on the other core). Goals (issue 15):
//   imp query <orderno> ≤ 2.2x; imp refund <orderno> --amount … --yes ≤ 2.8x (lookup query,
//   refund, journal fsync); imp --help ≤ 1.3x; imp recon check on a 10-line file ≤ 1.8x.
// Each round runs `node -e 0` then the command; the ratio is taken pair by pair, and the median
// pair ratio is the figure (min–max printed as the spread). BENCH_RUNS (default 21) pairs per
// command, after 2 warm-up pairs. BENCH_JOURNAL_LINES (default 0): the profile's journal holds
// that many lines before the runs (queries of other orders, bench/lib/journal-lines.mjs): every
// query and refund reads its whole journal at its start, and an operator's journal grows by the day.
// `node bench/interactive.mjs --serve` sets everything up, prints the commands and their
// environment, and keeps the sandbox up (Ctrl-C ends it) for timing with any other tool.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { journalText } from './lib/journal-lines.mjs';
import { sandboxSender } from './lib/sandbox-client.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
if (!existsSync(path.join(root, 'dist/cli/start.cjs'))) {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
}
const dist = (p) => import(path.join(root, 'dist', p));
const { startSandbox } = await dist('sandbox/index.js');
const { sandboxProfile } = await dist('config/sandbox-profile.js');

const RUNS = Number(process.env.BENCH_RUNS ?? 21);
const IMP = path.join(root, 'bin/imp.js');
const serve = process.argv.includes('--serve');

const dir = mkdtempSync(path.join(tmpdir(), 'imp-bench-interactive-'));
const dataDir = path.join(dir, 'data');
// BENCH_LATENCY (ms, default 0): the sandbox answers that long after a request arrives, as a
// platform 30–300 ms away would (the goals are taken without it)
const latencyMs = Number(process.env.BENCH_LATENCY ?? 0);
const sb = await startSandbox({ dataDir, sftpPort: false, publishRecon: false, fast: true, latencyMs });
const configPath = path.join(dir, 'imp.config.json');
const profile = { ...sandboxProfile(dataDir, dir, sb.baseUrl), http: { timeoutMs: 30_000 } };
writeFileSync(configPath, JSON.stringify({ defaultProfile: 'sandbox', profiles: { sandbox: profile } }));
const journalLines = Number(process.env.BENCH_JOURNAL_LINES ?? 0);
if (journalLines > 0) {
  // the profile's journal: journal.dir defaults to ./journal beside the config file
  mkdirSync(path.join(dir, 'journal'));
  writeFileSync(path.join(dir, 'journal', 'sandbox.jsonl'), await journalText(root, journalLines, 'sandbox'));
}
// the commands' code cache (src/cli/code-cache.ts) in a directory of this run: the two warm-up
// pairs of each command fill it, as an operator's first run of a command does
const cacheDir = path.join(dir, 'code-cache');
mkdirSync(cacheDir, { mode: 0o700 });
const env = { IMP_CONFIG: configPath, IMP_PROFILE: 'sandbox', NO_COLOR: '1', IMP_CACHE_DIR: cacheDir };

// A paid order (amount ending in 01: paid at once) large enough for thousands of 0.01 refunds.
const orderno = `ia${Date.now()}`;
const answer = (
  await sandboxSender(sb, dataDir)('qrcode', {
    orderno,
    amt_trans: '10000001',
    ordertitle: 'bench',
    orderdesc: 'bench',
    return_url: 'http://127.0.0.1:9/r',
    notify_url: 'http://127.0.0.1:9/n',
    channel_type: '07',
    confflag: '9',
  })
).answer;
if (answer.respcode !== '00000') throw new Error(`setup failed: ${answer.respmsg}`);

// Ten bank lines and the matching ledger (recon check exits 0 on them).
const DAY = '20261124';
const ids = Array.from({ length: 9 }, (_, i) => `RC${i}`);
const bank = path.join(dir, `DZ_9_${DAY}.csv`);
writeFileSync(
  bank,
  `9,9.00,8.91\r\n${ids.map((o) => `T${o},S${o},${o},${DAY}101010,0,,1.00,0.99,,,,,0.01,,订单,00081,`).join('\r\n')}\r\n`,
);
const ledger = path.join(dir, 'ledger.csv');
writeFileSync(
  ledger,
  `type,orderno,refundno,amount,status\n${ids.map((o) => `pay,${o},,100,success`).join('\n')}\n`,
);

const commands = [
  ['query', ['query', orderno], 2.2],
  ['refund', ['refund', orderno, '--amount', '0.01', '--yes', '--force'], 2.8],
  ['--help', ['--help'], 1.3],
  ['recon check (10 lines)', ['recon', 'check', bank, '--ledger', ledger], 1.8],
];

function once(args, extraEnv) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, args, {
      cwd: dir,
      env: { ...process.env, ...extraEnv },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`node ${args.join(' ')} exited ${code}: ${stderr}`));
      else resolve(Number(process.hrtime.bigint() - t0) / 1e6);
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

try {
  if (serve) {
    const vars = Object.entries(env)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    console.log(`cd ${dir} && export ${vars}`);
    for (const [, args] of commands) console.log(`node ${IMP} ${args.join(' ')}`);
    await new Promise((resolve) => process.once('SIGINT', resolve));
  } else {
    // BENCH_ONLY: a comma list of the commands to time (query, refund, --help, recon)
    const only = process.env.BENCH_ONLY?.split(',');
    for (const [name, args, goal] of commands) {
      if (only && !only.some((o) => name.startsWith(o))) continue;
      const ratios = [];
      const bare = [];
      const imp = [];
      for (let i = 0; i < RUNS + 2; i++) {
        const b = await once(['-e', '0'], {});
        const t = await once([IMP, ...args], env);
        if (i < 2) continue;
        bare.push(b);
        imp.push(t);
        ratios.push(t / b);
      }
      const r = median(ratios);
      console.log(
        `imp ${name}: ${median(imp).toFixed(1)} ms vs node -e 0 ${median(bare).toFixed(1)} ms; paired median ${r.toFixed(2)}x (spread ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}, ${RUNS} pairs; goal ≤ ${goal}x) ${r <= goal ? 'OK' : 'MISS'}`,
      );
    }
  }
} finally {
  await sb.close();
  rmSync(dir, { recursive: true, force: true });
}

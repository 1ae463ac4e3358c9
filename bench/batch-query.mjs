// Batch query throughput: `imp query --batch` over 10,000 orders at concurrency 16 against
// the sandbox, as a ratio of the sandbox's own capacity for the same queries measured in the
// same run. Goal: ratio >= 0.8x. Also the CLI's peak memory (maxRSS) for 1,000 and 10,000 rows:
// it should stay flat (ratio near 1x). Prints the numbers; exit 0 either way (not a test).
//
// "The sandbox's own capacity" comes from a minimal load client in a second process (this file
// run with `--load`): node:http keep-alive, no journal, no CSV, no got, but the protocol's own
// crypto per request, as any client of the platform must do it: each query built and signed
// (SHA256withRSA, on the thread pool) and each answer's signature verified. The sandbox and the
// client share 2 cores: a client that skipped signing would hand the sandbox the CPU that
// signing takes, and the ratio would measure RSA rather than imp's overhead. The pre-signed
// replay (bench/sandbox-load.mjs, no client crypto) is still printed for reference.
// BENCH_ROWS (default 10000), BENCH_CONCURRENCY (default 16) and BENCH_ROUNDS (default 3) change
// the sizes; BENCH_NODE_ARGS adds node options to the CLI runs and the load client
// (`--cpu-prof --cpu-prof-dir=…`).
import { execFileSync, spawn } from 'node:child_process';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formPoster } from './lib/form-poster.mjs';
import { sandboxSender } from './lib/sandbox-client.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
if (!existsSync(path.join(root, 'dist/cli/entry.js'))) {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
}
const dist = (p) => import(path.join(root, 'dist', p));
if (process.argv[2] === '--load') {
  await loadClient(JSON.parse(process.env.BENCH_LOAD));
  process.exit(0);
}

/** The minimal signing client (see the top): prints `{ ok, errors, seconds }`. */
async function loadClient({ url, busino, apikey, merchantKey, platformKey, prefix, rows, concurrency }) {
  const { CATALOGUE } = await dist('catalogue/index.js');
  const { buildRequest } = await dist('protocol/build-request.js');
  const { encodeForm, parseAnswer } = await dist('protocol/codec.js');
  const { signRequestAsync, verifyResponse } = await dist('protocol/signer.js');
  const key = createPrivateKey(readFileSync(merchantKey));
  const keys = [{ key: createPublicKey(readFileSync(platformKey)), source: platformKey }];
  const poster = formPoster(url, concurrency);
  let ok = 0;
  let errors = 0;
  let next = 0;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < rows) {
        const orderno = `${prefix}${String(next++).padStart(6, '0')}`;
        try {
          const fields = buildRequest(CATALOGUE.query, { busino }, { orderno });
          const signed = await signRequestAsync(fields, apikey, key);
          const answer = parseAnswer((await poster.post(encodeForm(signed.fields))).body);
          if (answer.respcode === '00000' && verifyResponse(answer, apikey, keys).valid) ok++;
          else errors++;
        } catch {
          errors++;
        }
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  poster.close();
  const cpu = process.cpuUsage();
  const cpuMs = (cpu.user + cpu.system) / 1000;
  process.stdout.write(`${JSON.stringify({ ok, errors, seconds, cpuMs })}\n`);
}

const { startSandbox } = await dist('sandbox/index.js');
const { CATALOGUE } = await dist('catalogue/index.js');
const { sandboxProfile } = await dist('config/sandbox-profile.js');

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);
const SMALL = Math.max(1, Math.round(ROWS / 10));
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const IMP = path.join(root, 'bin/imp.js');
const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
// Reports the CLI process's peak resident memory, its CPU time and the heap still reachable at
// exit (after a full collection) without touching its code.
const MAXRSS_HOOK =
  'data:text/javascript,import v8 from "node:v8";import vm from "node:vm";v8.setFlagsFromString("--expose-gc");const gc=vm.runInNewContext("gc");process.on("exit",()=>{const u=process.cpuUsage();gc();process.stderr.write("MAXRSS:"+process.resourceUsage().maxRSS+" CPU:"+(u.user+u.system)+" HEAP:"+process.memoryUsage().heapUsed+"\\n")})';

const dir = mkdtempSync(path.join(tmpdir(), 'imp-bench-batch-'));
const dataDir = path.join(dir, 'data');
const sb = await startSandbox({ dataDir, sftpPort: false, publishRecon: false, fast: true });

function cpuMsSince(start) {
  const u = process.cpuUsage(start);
  return (u.user + u.system) / 1000;
}

function run(args, env) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { cwd: dir, env: { ...process.env, ...env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const rss = Number(/MAXRSS:(\d+)/.exec(stderr)?.[1] ?? 0) * 1024;
      const heap = Number(/HEAP:(\d+)/.exec(stderr)?.[1] ?? 0);
      const cpuMs = Number(/CPU:(\d+)/.exec(stderr)?.[1] ?? 0) / 1000;
      resolve({ code, stdout, stderr, seconds, rss, heap, cpuMs });
    });
  });
}

async function pool(n, concurrency, task) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) await task(next++);
    }),
  );
}

try {
  const post = sandboxSender(sb, dataDir);

  // Setup (not timed): orders that stay awaiting payment (amount ending in 02: no timers, no notifications).
  const prefix = `bq${Date.now()}`;
  const orderno = (i) => `${prefix}${String(i).padStart(6, '0')}`;
  process.stdout.write(`creating ${ROWS} orders… `);
  await pool(ROWS, 16, async (i) => {
    const r = await post('qrcode', {
      orderno: orderno(i),
      amt_trans: '102',
      ordertitle: 'bench',
      orderdesc: 'bench',
      return_url: 'http://127.0.0.1:9/r',
      notify_url: 'http://127.0.0.1:9/n',
      channel_type: '07',
      confflag: '9',
    });
    if (r.answer.respcode !== '00000') throw new Error(`setup failed: ${r.answer.respmsg}`);
  });
  console.log('done');
  const csv = (n) => `orderno\n${Array.from({ length: n }, (_, i) => orderno(i)).join('\n')}\n`;
  writeFileSync(path.join(dir, 'small.csv'), csv(SMALL));
  writeFileSync(path.join(dir, 'large.csv'), csv(ROWS));
  const configPath = path.join(dir, 'imp.config.json');
  const profile = { ...sandboxProfile(dataDir, dir, sb.baseUrl), http: { timeoutMs: 30_000 } };
  writeFileSync(configPath, JSON.stringify({ defaultProfile: 'sandbox', profiles: { sandbox: profile } }));
  const env = { IMP_CONFIG: configPath, IMP_PROFILE: 'sandbox' };

  // The sandbox's own capacity for these queries, from a second process doing only what the
  // protocol requires (sign, send, verify); then the pre-signed replay, for reference.
  const spawnJson = async (args, extraEnv = {}) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { env: { ...process.env, ...extraEnv } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => process.stderr.write(d));
    if ((await new Promise((r) => child.on('close', r))) !== 0) throw new Error('load client failed');
    return { ...JSON.parse(out), wall: Number(process.hrtime.bigint() - started) / 1e9 };
  };
  const loadRun = async () => {
    const cpu0 = process.cpuUsage();
    const r = await spawnJson([...nodeArgs, fileURLToPath(import.meta.url), '--load'], {
      BENCH_LOAD: loadConfig,
    });
    // from spawn to exit, as imp's runs are timed: both pay their process start-up
    return { ...r, rate: r.ok / r.wall, sandboxCpu: cpuMsSince(cpu0) / r.ok };
  };
  const loadConfig = JSON.stringify({
    url: sb.baseUrl + CATALOGUE.query.path,
    busino: sb.identity.busino,
    apikey: sb.identity.apikey,
    merchantKey: path.join(dataDir, sb.descriptor.merchantKey),
    platformKey: path.join(dataDir, sb.descriptor.platformKey),
    prefix,
    rows: ROWS,
    concurrency: CONCURRENCY,
  });
  const query = await post('query', { orderno: orderno(0) });
  const replay = await spawnJson([
    fileURLToPath(new URL('./sandbox-load.mjs', import.meta.url)),
    sb.baseUrl + CATALOGUE.query.path,
    Buffer.from(query.body).toString('base64'),
    String(ROWS),
    String(CONCURRENCY),
    '120000',
  ]);
  const replayRate = replay.ok / replay.wall;

  // Each run starts from an empty journal of its own: a journal grown by earlier rounds would make
  // later rounds read more at start-up, and the 1,000/10,000-row memory comparison unequal.
  let runs = 0;
  const batch = (file) => {
    runs++;
    const config = path.join(dir, `imp.config.${runs}.json`);
    const journal = { dir: path.join(dir, `journal-${runs}`) };
    writeFileSync(
      config,
      JSON.stringify({ defaultProfile: 'sandbox', profiles: { sandbox: { ...profile, journal } } }),
    );
    return run(
      [
        ...nodeArgs,
        '--import',
        MAXRSS_HOOK,
        IMP,
        '--json',
        'query',
        '--batch',
        file,
        '--concurrency',
        String(CONCURRENCY),
        '--out',
        `${file}.out.csv`,
      ],
      { ...env, IMP_CONFIG: config },
    );
  };
  const batchRun = async (file) => {
    const cpu1 = process.cpuUsage();
    const r = await batch(file);
    return { ...r, sandboxCpu: cpuMsSince(cpu1) / ROWS };
  };
  const small = await batch('small.csv');
  // Eight developers share this machine's 2 cores: the load client and imp take turns for a few
  // rounds and each keeps its best (the same rule as bench/sign.mjs), so a burst of someone
  // else's tests decides neither side. Every round is printed.
  let capacity;
  let large;
  for (let round = 1; round <= ROUNDS; round++) {
    const c = await loadRun();
    const l = await batchRun('large.csv');
    console.log(
      `round ${round}: minimal client ${c.rate.toFixed(0)} queries/s, imp ${(ROWS / l.seconds).toFixed(0)} rows/s (${(ROWS / l.seconds / c.rate).toFixed(2)}x)`,
    );
    if (!capacity || c.rate > capacity.rate) capacity = c;
    if (!large || l.code > 1 || l.seconds < large.seconds) large = l;
    if (l.code !== 0 && l.code !== 1) break;
  }
  const capacityRate = capacity.rate;
  const sandboxCpuPerQuery = capacity.sandboxCpu;
  const sandboxCpuPerRow = large.sandboxCpu;
  if (large.code !== 0 && large.code !== 1) {
    console.log(
      `imp query --batch exited ${large.code}: ${large.stderr.split('\n')[0] || large.stdout.slice(0, 200)}`,
    );
  } else {
    // Both sides are timed from spawn to exit (start-up, key loading, imp's validation pass over
    // the file and its journal read included): what an operator waits for.
    const rate = ROWS / large.seconds;
    console.log(
      `sandbox capacity (minimal signing client, ${CONCURRENCY} connections, best of ${ROUNDS}): ${capacityRate.toFixed(0)} queries/s (${capacity.ok} ok, ${capacity.errors} errors)`,
    );
    console.log(
      `  for reference, a pre-signed replay (no client crypto): ${replayRate.toFixed(0)} queries/s (imp's ratio against it: ${(rate / replayRate).toFixed(2)}x)`,
    );
    console.log(
      `imp query --batch ${ROWS} rows at --concurrency ${CONCURRENCY} (best of ${ROUNDS}): ${rate.toFixed(0)} rows/s (${large.seconds.toFixed(2)} s)`,
    );
    console.log(`throughput ratio: ${(rate / capacityRate).toFixed(2)}x (goal >= 0.8x)`);
    // On a shared machine wall time is noisy; CPU per request says where the time goes.
    const impPerRow = (large.cpuMs - small.cpuMs) / (ROWS - SMALL);
    console.log(
      `CPU per request: sandbox ${sandboxCpuPerQuery.toFixed(2)} ms (signing client) / ${sandboxCpuPerRow.toFixed(2)} ms (batch); imp ${impPerRow.toFixed(2)} ms per row (marginal, start-up excluded); minimal client ${(capacity.cpuMs / capacity.ok).toFixed(2)} ms per query (start-up included)`,
    );
    // How much of imp's CPU per row is got's own (bench/http-client.mjs): the rest is imp's work.
    const httpCost = JSON.parse(
      execFileSync(
        process.execPath,
        [fileURLToPath(new URL('./http-client.mjs', import.meta.url)), '--json'],
        {
          env: { ...process.env, BENCH_ROUNDS: '3' },
          encoding: 'utf8',
        },
      ),
    );
    const gotExtra = httpCost.gotMs - httpCost.nodeMs;
    console.log(
      `  of which got's own: ${gotExtra.toFixed(2)} ms per request more than plain node:http (bench/http-client.mjs); imp's CPU per row less that: ${(impPerRow - gotExtra).toFixed(2)} ms`,
    );
    // the time an operator waits before the first row, whatever the file's size (linear fit of both runs)
    const fixed = (small.seconds * ROWS - large.seconds * SMALL) / (ROWS - SMALL);
    console.log(
      `imp fixed cost (start-up, keys, file check, journal read): ${fixed.toFixed(2)} s; per row after it: ${((1000 * (large.seconds - fixed)) / ROWS).toFixed(3)} ms`,
    );
    const mb = (b) => (b / 1048576).toFixed(1);
    console.log(`peak memory: ${mb(small.rss)} MB for ${SMALL} rows, ${mb(large.rss)} MB for ${ROWS} rows`);
    console.log(
      `memory ratio ${ROWS}/${SMALL} rows: ${(large.rss / small.rss).toFixed(2)}x (goal: flat, about 1x)`,
    );
    // What the process still holds at the end, garbage collected: growth here would be rows kept
    // in memory; growth only in peak RSS is V8 and malloc sizing their pools to a longer run.
    console.log(
      `heap reachable at exit: ${mb(small.heap)} MB for ${SMALL} rows, ${mb(large.heap)} MB for ${ROWS} rows (${(large.heap / small.heap).toFixed(2)}x)`,
    );
  }
} finally {
  await sb.close();
  rmSync(dir, { recursive: true, force: true });
}

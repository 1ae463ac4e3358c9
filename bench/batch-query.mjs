// Batch query throughput: `imp query --batch` over 10,000 orders at concurrency 16 against
// the sandbox, as a ratio of the sandbox's own capacity for the same query measured in the
// same run by a raw keep-alive client (bench/sandbox-load.mjs, pre-signed body, no client
// work). Goal: ratio >= 0.8x. Also the CLI's peak memory (maxRSS) for 1,000 and 10,000 rows:
// it should stay flat (ratio near 1x). Prints the numbers; exit 0 either way (not a test).
// BENCH_ROWS (default 10000) and BENCH_CONCURRENCY (default 16) change the sizes; BENCH_NODE_ARGS
// adds node options to the CLI runs (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`).
import { execFileSync, spawn } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
if (!existsSync(path.join(root, 'dist/cli/entry.js'))) {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
}
const dist = (p) => import(path.join(root, 'dist', p));
const { startSandbox } = await dist('sandbox/index.js');
const { CATALOGUE } = await dist('catalogue/index.js');
const { buildRequest } = await dist('protocol/build-request.js');
const { encodeForm, parseAnswer } = await dist('protocol/codec.js');
const { signRequest } = await dist('protocol/signer.js');
const { sandboxProfile } = await dist('config/sandbox-profile.js');

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);
const SMALL = Math.max(1, Math.round(ROWS / 10));
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const IMP = path.join(root, 'bin/imp.js');
// Reports the CLI process's peak resident memory without touching its code.
const MAXRSS_HOOK =
  'data:text/javascript,process.on("exit",()=>{const u=process.cpuUsage();process.stderr.write("MAXRSS:"+process.resourceUsage().maxRSS+" CPU:"+(u.user+u.system)+"\\n")})';

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
      const cpuMs = Number(/CPU:(\d+)/.exec(stderr)?.[1] ?? 0) / 1000;
      resolve({ code, stdout, stderr, seconds, rss, cpuMs });
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
  const merchantKey = createPrivateKey(readFileSync(path.join(dataDir, sb.descriptor.merchantKey)));
  const post = async (txn, fields) => {
    const signed = signRequest(
      buildRequest(CATALOGUE[txn], { busino: sb.identity.busino }, fields),
      sb.identity.apikey,
      merchantKey,
    );
    const body = encodeForm(signed.fields);
    const res = await fetch(sb.baseUrl + CATALOGUE[txn].path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    return { body, answer: parseAnswer(await res.text()) };
  };

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

  // The sandbox's own capacity for this query, from a second process with no client work.
  const query = await post('query', { orderno: orderno(0) });
  const cpu0 = process.cpuUsage();
  const load = spawn(process.execPath, [
    fileURLToPath(new URL('./sandbox-load.mjs', import.meta.url)),
    sb.baseUrl + CATALOGUE.query.path,
    Buffer.from(query.body).toString('base64'),
    String(ROWS),
    String(CONCURRENCY),
    '120000',
  ]);
  let out = '';
  load.stdout.on('data', (d) => (out += d));
  if ((await new Promise((r) => load.on('close', r))) !== 0) throw new Error('load client failed');
  const capacity = JSON.parse(out);
  const sandboxCpuPerQuery = cpuMsSince(cpu0) / capacity.ok;
  const capacityRate = capacity.ok / capacity.seconds;

  const batch = (file) =>
    run(
      [
        ...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean),
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
      env,
    );
  const small = await batch('small.csv');
  const cpu1 = process.cpuUsage();
  const large = await batch('large.csv');
  const sandboxCpuPerRow = cpuMsSince(cpu1) / ROWS;
  if (large.code !== 0 && large.code !== 1) {
    console.log(
      `imp query --batch exited ${large.code}: ${large.stderr.split('\n')[0] || large.stdout.slice(0, 200)}`,
    );
  } else {
    // Wall time includes the CLI's start-up (well under a second), which favours the raw client.
    const rate = ROWS / large.seconds;
    console.log(
      `sandbox capacity (raw client, ${CONCURRENCY} connections): ${capacityRate.toFixed(0)} queries/s (${capacity.ok} ok, ${capacity.errors} errors)`,
    );
    console.log(
      `imp query --batch ${ROWS} rows at --concurrency ${CONCURRENCY}: ${rate.toFixed(0)} rows/s (${large.seconds.toFixed(2)} s)`,
    );
    console.log(`throughput ratio: ${(rate / capacityRate).toFixed(2)}x (goal >= 0.8x)`);
    // On a shared machine wall time is noisy; CPU per request says where the time goes.
    console.log(
      `CPU per request: sandbox ${sandboxCpuPerQuery.toFixed(2)} ms (raw client) / ${sandboxCpuPerRow.toFixed(2)} ms (batch); imp ${((large.cpuMs - small.cpuMs) / (ROWS - SMALL)).toFixed(2)} ms per row (marginal, start-up excluded)`,
    );
    const mb = (b) => (b / 1048576).toFixed(1);
    console.log(`peak memory: ${mb(small.rss)} MB for ${SMALL} rows, ${mb(large.rss)} MB for ${ROWS} rows`);
    console.log(
      `memory ratio ${ROWS}/${SMALL} rows: ${(large.rss / small.rss).toFixed(2)}x (goal: flat, about 1x)`,
    );
  }
} finally {
  await sb.close();
  rmSync(dir, { recursive: true, force: true });
}

// Recon on both cores (issue 15): `imp recon check` of 1,000,000 bank rows against a
// 1,000,000-row ledger (a few hundred planted differences), paired with bare csv-parse reading
// the same two files one after the other (the bank file through iconv, as imp reads it).
// Goals: wall ≤ 0.6x bare csv-parse; peak RSS ≤ 300 MB; at 5,000,000 × 5,000,000 peak RSS
// ≤ 1 GiB and wall ≤ 5.5x the 1M run.
// Each measurement runs in a child process (peak RSS from process.resourceUsage(), which
// counts the worker threads too). Pairs alternate which side goes first, so that load from
// other processes falls on both sides alike; the verdict is the median of the pair ratios,
// with their spread (min–max). CPU time (user + system, all threads) is printed beside.
// BENCH_RUNS pairs at 1M (default 5); BENCH_HUGE_RUNS pairs of 1M and 5M runs (default 3,
// 0 skips the 5M part; its files take ~1 GB in bench/out/). BENCH_BASE=<dir> (a checkout of
// an earlier commit, built) pairs this tree's check with that one's, BENCH_BASE_RUNS pairs
// (default 5): the gain of a change, by CPU time and peak RSS as well as wall.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generate, plantedCounts } from './recon-gen.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = fileURLToPath(new URL('./out/', import.meta.url));
const pairs = Number(process.env.BENCH_RUNS ?? 5);
const big = Number(process.env.BENCH_ROWS ?? 1_000_000);
const huge = big * 5;
const hugePairs = Number(process.env.BENCH_HUGE_RUNS ?? 3);

const bare = `
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
const [bank, ledger] = process.argv.slice(-2);
const t0 = performance.now();
let n = 0;
const count = (p) => { p.on('data', () => { n++; }); return p; };
await pipeline(createReadStream(bank), iconv.decodeStream('gb18030'), count(parse({ from_line: 2 })));
await pipeline(createReadStream(ledger), count(parse({ from_line: 2 })));
const cpu = process.cpuUsage();
console.log(JSON.stringify({ ms: performance.now() - t0, cpu: (cpu.user + cpu.system) / 1000, rssMB: process.resourceUsage().maxRSS / 1024, records: n }));
`;

const checkScript = (dist) => `
import { runReconCheck } from '${dist}/recon/check.js';
const [bank, ledger] = process.argv.slice(-2);
const t0 = performance.now();
const r = await runReconCheck({ file: bank, ledger: { kind: 'file', path: ledger }, window: 1800 });
const classes = Object.fromEntries(Object.entries(r.summary.classes).map(([k, v]) => [k, v.count]));
const cpu = process.cpuUsage();
console.log(JSON.stringify({ ms: performance.now() - t0, cpu: (cpu.user + cpu.system) / 1000, rssMB: process.resourceUsage().maxRSS / 1024, classes, selfCheck: r.summary.selfCheck.ok, problems: r.problems.length }));
`;
const check = checkScript('./dist');

function child(script, d) {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, d.bank, d.ledger], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (r.status !== 0) throw new Error(`child failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout.trim().split('\n').pop());
  if (out.classes) {
    const ok = Object.entries(d.planted).every(([k, n]) => out.classes[k] === n);
    if (!ok || out.problems !== 0) {
      throw new Error(
        `planted differences not found exactly: ${JSON.stringify(out.classes)} vs ${JSON.stringify(d.planted)}`,
      );
    }
  }
  return out;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const spread = (xs) => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}`;
const s = (ms) => (ms / 1000).toFixed(2);

async function dataset(rows) {
  // generate() names the bank file by day; one sub-directory per size keeps the sizes apart
  const dir = `${outDir}${rows}/`;
  const ledger = `${dir}ledger_20261124_${rows}.csv`;
  if (!existsSync(ledger)) await generate(rows, dir);
  return { bank: `${dir}DZ_448437020000010_20261124.csv`, ledger, planted: plantedCounts(rows) };
}

/** `n` pairs of a and b, alternating which goes first; the pair ratios b / a by wall time. */
function paired(n, a, b) {
  const as = [];
  const bs = [];
  for (let i = 0; i < n; i++) {
    if (i % 2 === 0) {
      as.push(a());
      bs.push(b());
    } else {
      bs.push(b());
      as.push(a());
    }
  }
  return { as, bs, ratios: bs.map((x, i) => x.ms / as[i].ms) };
}

const D = await dataset(big);
let ok = true;
// BENCH_RUNS=0 skips this part (to run only the pairing with BENCH_BASE, say)
if (pairs > 0) {
  const one = paired(
    pairs,
    () => child(bare, D),
    () => child(check, D),
  );
  const ratio = median(one.ratios);
  const rss = Math.max(...one.bs.map((x) => x.rssMB));
  console.log(
    `recon check ${big} × ${big}: wall ${s(median(one.bs.map((x) => x.ms)))} s vs bare csv-parse ${s(median(one.as.map((x) => x.ms)))} s (medians of ${pairs} pairs); pair ratios median ${ratio.toFixed(2)}x, spread ${spread(one.ratios)}; CPU ${s(median(one.bs.map((x) => x.cpu)))} s vs ${s(median(one.as.map((x) => x.cpu)))} s; planted differences all found exactly`,
  );
  const cpuRatios = one.bs.map((x, i) => x.cpu / one.as[i].cpu);
  console.log(
    `CPU vs bare csv-parse (all threads): ${median(cpuRatios).toFixed(2)}x, spread ${spread(cpuRatios)} (for information)`,
  );
  console.log(`wall vs bare csv-parse: ${ratio.toFixed(2)}x (goal ≤ 0.60x) ${ratio <= 0.6 ? 'OK' : 'MISS'}`);
  console.log(
    `peak RSS at ${big}: ${rss.toFixed(0)} MB (max of ${pairs}; median ${median(one.bs.map((x) => x.rssMB)).toFixed(0)} MB; bare ${Math.max(...one.as.map((x) => x.rssMB)).toFixed(0)} MB) (goal ≤ 300 MB) ${rss <= 300 ? 'OK' : 'MISS'}`,
  );
  ok = ratio <= 0.6 && rss <= 300;
}
const base = process.env.BENCH_BASE;
if (base) {
  const basePairs = Number(process.env.BENCH_BASE_RUNS ?? 5);
  const baseCheck = checkScript(pathToFileURL(`${base}/dist`).href);
  const t = paired(
    basePairs,
    () => child(baseCheck, D),
    () => child(check, D),
  );
  const ratios = (key) => t.bs.map((x, i) => x[key] / t.as[i][key]);
  const line = (key) => `${median(ratios(key)).toFixed(2)}x (spread ${spread(ratios(key))})`;
  console.log(
    `this tree vs ${base} at ${big} (${basePairs} pairs, pair ratios): CPU ${line('cpu')}, peak RSS ${line('rssMB')}, wall ${line('ms')}; medians CPU ${s(median(t.bs.map((x) => x.cpu)))} s vs ${s(median(t.as.map((x) => x.cpu)))} s, RSS ${median(t.bs.map((x) => x.rssMB)).toFixed(0)} MB vs ${median(t.as.map((x) => x.rssMB)).toFixed(0)} MB (for information)`,
  );
}
if (hugePairs > 0) {
  const H = await dataset(huge);
  const five = paired(
    hugePairs,
    () => child(check, D),
    () => child(check, H),
  );
  const scale = median(five.ratios);
  const hugeRss = Math.max(...five.bs.map((x) => x.rssMB));
  console.log(
    `recon check ${huge} × ${huge}: wall ${s(median(five.bs.map((x) => x.ms)))} s vs the 1M run ${s(median(five.as.map((x) => x.ms)))} s (medians of ${hugePairs} pairs); CPU ${s(median(five.bs.map((x) => x.cpu)))} s`,
  );
  console.log(
    `5x rows: ${scale.toFixed(2)}x the 1M wall, spread ${spread(five.ratios)} (goal ≤ 5.50x) ${scale <= 5.5 ? 'OK' : 'MISS'}`,
  );
  console.log(
    `peak RSS at ${huge}: ${hugeRss.toFixed(0)} MB (goal ≤ 1024 MB) ${hugeRss <= 1024 ? 'OK' : 'MISS'}`,
  );
  ok &&= scale <= 5.5 && hugeRss <= 1024;
}
process.exitCode = ok ? 0 : 1;

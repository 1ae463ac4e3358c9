// `imp recon check` on 1,000,000 bank rows + a 1,000,000-row ledger (a few hundred planted
// differences) against bare csv-parse reading both files. Goals (issue 6): ≤ 2x the time,
// peak RSS ≤ 400 MB, and 10x the rows costing ≤ 11x the time (100k vs 1M).
// Each measurement runs in a child process (peak RSS from process.resourceUsage()); runs are
// interleaved so that load from other processes falls on both sides alike; medians compared.
// The verdicts use CPU time (user + system, GC threads included): on a machine shared with
// other work, wall time swings several-fold between runs while CPU time stays put. Wall
// times are printed beside them.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generate, plantedCounts } from './recon-gen.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = fileURLToPath(new URL('./out/', import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 3);
const big = Number(process.env.BENCH_ROWS ?? 1_000_000);
const small = big / 10;

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

const check = `
import { runReconCheck } from './dist/recon/check.js';
const [bank, ledger] = process.argv.slice(-2);
const t0 = performance.now();
const r = await runReconCheck({ file: bank, ledger: { kind: 'file', path: ledger }, window: 1800 });
const classes = Object.fromEntries(Object.entries(r.summary.classes).map(([k, v]) => [k, v.count]));
const cpu = process.cpuUsage();
console.log(JSON.stringify({ ms: performance.now() - t0, cpu: (cpu.user + cpu.system) / 1000, rssMB: process.resourceUsage().maxRSS / 1024, classes, selfCheck: r.summary.selfCheck.ok, problems: r.problems.length }));
`;

function child(script, files) {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, ...files], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (r.status !== 0) throw new Error(`child failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function dataset(rows) {
  // generate() names the bank file by day; one sub-directory per size keeps both sizes
  const dir = `${outDir}${rows}/`;
  const expected = `${dir}ledger_20261124_${rows}.csv`;
  if (!existsSync(expected)) await generate(rows, dir);
  return {
    bank: `${dir}DZ_448437020000010_20261124.csv`,
    ledger: expected,
    planted: plantedCounts(rows),
  };
}

const results = {};
for (const rows of [small, big]) {
  const d = await dataset(rows);
  const b = [];
  const c = [];
  let last;
  for (let i = 0; i < runs; i++) {
    b.push(child(bare, [d.bank, d.ledger]));
    last = child(check, [d.bank, d.ledger]);
    c.push(last);
  }
  const found = Object.entries(d.planted).every(([k, n]) => last.classes[k] === n);
  results[rows] = {
    bare: median(b.map((x) => x.cpu)),
    check: median(c.map((x) => x.cpu)),
    bareWall: median(b.map((x) => x.ms)),
    checkWall: median(c.map((x) => x.ms)),
    rss: Math.max(...c.map((x) => x.rssMB)),
    bareRss: Math.max(...b.map((x) => x.rssMB)),
    found,
  };
  const r = results[rows];
  console.log(
    `recon check ${rows} rows: CPU ${(r.check / 1000).toFixed(2)} s vs bare csv-parse ${(r.bare / 1000).toFixed(2)} s = ${(r.check / r.bare).toFixed(2)}x (wall ${(r.checkWall / 1000).toFixed(2)} s vs ${(r.bareWall / 1000).toFixed(2)} s = ${(r.checkWall / r.bareWall).toFixed(2)}x); peak RSS ${r.rss.toFixed(0)} MB (bare ${r.bareRss.toFixed(0)} MB); planted differences ${found ? 'all found exactly' : `MISMATCH ${JSON.stringify(last.classes)} vs ${JSON.stringify(d.planted)}`}`,
  );
}
const R = results[big];
const timeRatio = R.check / R.bare;
const scale = R.check / results[small].check;
console.log(
  `CPU time vs bare csv-parse: ${timeRatio.toFixed(2)}x (goal ≤ 2.00x) ${timeRatio <= 2 ? 'OK' : 'MISS'}`,
);
console.log(`wall time vs bare csv-parse: ${(R.checkWall / R.bareWall).toFixed(2)}x (for information)`);
console.log(
  `peak RSS at ${big} rows: ${R.rss.toFixed(0)} MB (goal ≤ 400 MB) ${R.rss <= 400 ? 'OK' : 'MISS'}`,
);
console.log(`10x rows cost: ${scale.toFixed(2)}x the CPU time (goal ≤ 11x) ${scale <= 11 ? 'OK' : 'MISS'}`);
process.exitCode = timeRatio <= 2 && R.rss <= 400 && scale <= 11 && R.found && results[small].found ? 0 : 1;

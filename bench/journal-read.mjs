// Reading the journal (issue 15, "speed where people feel it"): every command that sends or
// queries folds the whole journal once (Journal.view), so its start grows with the journal's
// lines. This times Journal.view() over a generated journal of BENCH_LINES lines (default
// 20,000: 10,000 queries, each a begin and a finish line, checksummed as imp writes them), in a
// child process per measurement. BENCH_BASE=<dir> (a checkout of an earlier commit, built) pairs
// this tree's read with that one's, BENCH_RUNS pairs (default 11), alternating which goes first:
// the median of the pair ratios and their spread. Without BENCH_BASE it prints this tree's times.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { journalText } from './lib/journal-lines.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const lines = Number(process.env.BENCH_LINES ?? 20_000);
const runs = Number(process.env.BENCH_RUNS ?? 11);
const base = process.env.BENCH_BASE;
const dir = mkdtempSync(path.join(tmpdir(), 'imp-bench-journal-'));
const file = path.join(dir, 'j.jsonl');
writeFileSync(file, await journalText(root, lines));

const script = (dist) => `
import { Journal } from ${JSON.stringify(pathToFileURL(path.join(dist, 'dist/journal/journal.js')).href)};
const t0 = performance.now();
const view = await new Journal(${JSON.stringify(file)}, 'prod').view();
const ms = performance.now() - t0;
console.log(JSON.stringify({ ms, entries: view.fold.entries().length }));
`;
const time = (dist) => {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script(dist)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

try {
  const mine = [];
  const theirs = [];
  const ratios = [];
  for (let i = 0; i < runs; i++) {
    const first = i % 2 === 0;
    const a = first ? time(root) : undefined;
    const b = base ? time(base) : undefined;
    const a2 = a ?? time(root);
    if (a2.entries !== lines / 2) throw new Error(`read ${a2.entries} entries, wrote ${lines / 2}`);
    mine.push(a2.ms);
    if (b) {
      theirs.push(b.ms);
      ratios.push(a2.ms / b.ms);
    }
  }
  const perLine = (median(mine) * 1000) / lines;
  console.log(
    `journal view, ${lines} lines: ${median(mine).toFixed(1)} ms (${perLine.toFixed(2)} µs a line; spread ${Math.min(...mine).toFixed(1)}–${Math.max(...mine).toFixed(1)}, ${runs} runs)`,
  );
  if (base) {
    console.log(
      `  against ${base}: ${median(theirs).toFixed(1)} ms; paired median ${median(ratios).toFixed(3)}x (spread ${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)})`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

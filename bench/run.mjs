// Runs every benchmark in this folder, one after another, each printing its ratios.
// Usage: npm run bench [-- name…]   (names: interactive, sign, sandbox, batch-latency, recon-check, journal-read)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const all = ['interactive', 'sign', 'sandbox', 'batch-latency', 'recon-check', 'journal-read'];
const wanted = process.argv.slice(2).length ? process.argv.slice(2) : all;
let failed = 0;
for (const name of wanted) {
  const file = fileURLToPath(new URL(`./${name}.mjs`, import.meta.url));
  if (!existsSync(file)) {
    console.log(`${name}: no bench/${name}.mjs`);
    continue;
  }
  console.log(`\n== ${name}`);
  const r = spawnSync(process.execPath, [file], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;

// Preloaded (`node -r`) into a spawned imp by measured(): on exit, write the process's peak
// RSS (KiB) and its wall time since start into the file named by IMP_PEAK_FILE.
const { writeFileSync } = require('node:fs');
const started = process.hrtime.bigint();
process.on('exit', () => {
  const file = process.env.IMP_PEAK_FILE;
  if (!file) return;
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  writeFileSync(file, JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS, ms }));
});

// Build: tsc emits dist/, then esbuild bundles the start-up path (entry, command
// declarations, commander) into dist/cli/entry.js. Command modules stay separate
// files, imported only when their command runs. tsc's type errors fail the build,
// but only after emitting, so a half-finished file elsewhere does not leave dist/ stale.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
  cwd: root,
  stdio: 'inherit',
});
await build({
  absWorkingDir: root,
  entryPoints: ['dist/cli/main.js'],
  outfile: 'dist/cli/entry.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
  // commander is CommonJS and requires node built-ins
  banner: {
    js: "import { createRequire as __impRequire } from 'node:module'; const require = __impRequire(import.meta.url);",
  },
  // lazily imported at run time, relative to dist/cli/ (the help's words: only when help may show)
  external: ['./context.js', './report.js', '../commands/*', '../output/help-messages.js'],
});
process.exitCode = tsc.status ?? 1;

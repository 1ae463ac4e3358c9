// Build: tsc emits dist/, then esbuild bundles the CLI from dist/cli/main.js into dist/cli/entry.js
// plus shared chunks (dist/cli/chunk-*.js), with code splitting: every lazily imported command
// module becomes a chunk together with the packages it needs (got, ora, inquirer, chalk…), so a
// command loads a few files instead of hundreds of small ES modules (Node 20 spends more time
// resolving and linking those than running them). Chunks sit beside entry.js, at the depth of the
// other dist/*/ files, so `new URL('../../package.json', import.meta.url)` finds package.json from
// either. tsc's type errors fail the build, but only after emitting, so a half-finished file
// elsewhere does not leave dist/ stale.
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
  cwd: root,
  stdio: 'inherit',
});
const cliDir = path.join(root, 'dist/cli');
for (const name of readdirSync(cliDir)) {
  if (name.startsWith('chunk-')) rmSync(path.join(cliDir, name));
}
await build({
  absWorkingDir: root,
  entryPoints: { entry: 'dist/cli/main.js' },
  outdir: 'dist/cli',
  chunkNames: 'chunk-[hash]',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
  // CommonJS packages (commander, got's and ora's dependencies) require node built-ins
  banner: {
    js: "import { createRequire as __impRequire } from 'node:module'; const require = __impRequire(import.meta.url);",
  },
  // ssh2 loads optional native add-ons; zip.js and cli-table3 (read through createRequire) stay
  // separate packages, loaded from node_modules when a command needs them
  external: ['ssh2', 'ssh2-sftp-client', 'cpu-features', '@zip.js/zip.js'],
});
process.exitCode = tsc.status ?? 1;

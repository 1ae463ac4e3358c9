// Build: tsc emits dist/, then esbuild bundles the CLI from dist/cli/main.js twice over:
// - dist/cli/entry.js + chunk-*.js: the whole CLI, ES modules with code splitting (every lazily
//   imported module is a chunk together with the packages it needs). It runs every command line.
// - dist/cli-<name>/entry.cjs, one per entry of ROUTES (src/cli/route.ts): the same entry and
//   program as one CommonJS file, in which only that command's modules are reachable (another
//   command's module imported by the declarations is a stub that fails loudly). bin/imp.js runs
//   it through src/cli/code-cache.ts, V8's code cache; lazily imported code stays lazily
//   evaluated inside the file (esbuild wraps each module in an init function).
// - dist/cli/start.cjs: src/cli/start.ts (the router and the code cache) for bin/imp.js.
// Bundles sit at the depth of the other dist/*/ files, so `new URL('../../package.json',
// import.meta.url)` finds package.json from each. tsc's type errors fail the build, but only after
// emitting, so a half-finished file elsewhere does not leave dist/ stale.
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
  cwd: root,
  stdio: 'inherit',
});
const dist = path.join(root, 'dist');
for (const name of readdirSync(dist)) {
  if (name.startsWith('cli-')) rmSync(path.join(dist, name), { recursive: true });
}
for (const name of readdirSync(path.join(dist, 'cli'))) {
  if (name.startsWith('chunk-')) rmSync(path.join(dist, 'cli', name));
}
const { ROUTES } = await import(pathToFileURL(path.join(dist, 'cli/route.js')).href);
/** Commands that run from the whole CLI only (they run other commands' lines). */
const WHOLE_ONLY = ['demo'];

/** The folder of src/commands/ that a declaration's `import('../../commands/<folder>/…')` names. */
const commandFolder = (args) =>
  args.kind === 'dynamic-import' && /[/\\]cli[/\\]declare[/\\]/.test(args.importer)
    ? /^\.\.\/\.\.\/commands\/([^/]+)\//.exec(args.path)?.[1]
    : undefined;

/** Records every command folder the declarations import (the whole CLI's build). */
function declaredFolders(seen) {
  return {
    name: 'declared-folders',
    setup(b) {
      b.onResolve({ filter: /commands\// }, (args) => {
        const folder = commandFolder(args);
        if (folder) seen.add(folder);
        return undefined;
      });
    },
  };
}

/** Makes every command folder but `folders` a stub (a command's own bundle). */
function onlyCommand(name, folders) {
  return {
    name: 'only-command',
    setup(b) {
      b.onResolve({ filter: /commands\// }, (args) => {
        const folder = commandFolder(args);
        if (!folder || folders.includes(folder)) return undefined;
        return { path: args.path, namespace: 'other-command' };
      });
      b.onLoad({ filter: /.*/, namespace: 'other-command' }, (args) => ({
        contents: `throw new Error(${JSON.stringify(`internal: ${args.path} is not in the bundle of 'imp ${name}'`)});`,
      }));
    },
  };
}

const common = {
  absWorkingDir: root,
  entryPoints: { entry: 'dist/cli/main.js' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
  // ssh2 loads optional native add-ons; zip.js and cli-table3 (read through createRequire) stay
  // separate packages, loaded from node_modules when a command needs them
  external: ['ssh2', 'ssh2-sftp-client', 'cpu-features', '@zip.js/zip.js'],
};

/** The whole CLI: ES modules, code-split. */
const wholeCli = (plugins) =>
  build({
    ...common,
    outdir: 'dist/cli',
    chunkNames: 'chunk-[hash]',
    splitting: true,
    format: 'esm',
    plugins,
    // CommonJS packages (commander, got's and ora's dependencies) require node built-ins
    banner: {
      js: "import { createRequire as __impRequire } from 'node:module'; const require = __impRequire(import.meta.url);",
    },
  });

/** One command's bundle: one CommonJS file (run by src/cli/code-cache.ts). */
const commandBundle = (name, folders) =>
  build({
    ...common,
    outdir: `dist/cli-${name}`,
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    // import() of node built-ins and external packages becomes require(): a vm.Script's own
    // import() is experimental in Node 20 (and warns); every external package has a CommonJS form
    supported: { 'dynamic-import': false },
    plugins: [onlyCommand(name, folders)],
    // the largest packages, needed by few lines (a PKCS#12 key; GBK text), load from node_modules
    // when needed: inside the file they would be read and hashed on every start
    external: [...common.external, 'node-forge', 'iconv-lite'],
    define: { 'import.meta.url': '__impImportMetaUrl' },
    banner: { js: "const __impImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  });

const declared = new Set();
await wholeCli([declaredFolders(declared)]);
const routed = new Set([...Object.values(ROUTES).flat(), ...WHOLE_ONLY]);
const orphans = [...declared].filter((f) => !routed.has(f));
if (orphans.length > 0) {
  console.error(
    `build: src/commands/${orphans.join(', ')} belong to no command of ROUTES in src/cli/route.ts`,
  );
  process.exit(1);
}
await Promise.all([
  ...Object.entries(ROUTES).map(([name, folders]) => commandBundle(name, folders)),
  // what bin/imp.js requires: the router and the code cache, CommonJS (src/cli/start.ts)
  build({
    ...common,
    entryPoints: ['dist/cli/start.js'],
    outfile: 'dist/cli/start.cjs',
    format: 'cjs',
    plugins: [
      {
        name: 'whole-cli',
        setup: (b) =>
          b.onResolve({ filter: /^\.\/entry\.js$/ }, () => ({ path: './entry.js', external: true })),
      },
    ],
  }),
]);
process.exitCode = tsc.status ?? 1;

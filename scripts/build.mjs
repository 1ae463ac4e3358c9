// Build: tsc emits dist/, then esbuild bundles the CLI from dist/cli/main.js, with code splitting:
// every lazily imported module becomes a chunk together with the packages it needs (got, ora,
// inquirer, chalk…), so a command loads chunk files instead of hundreds of small ES modules (Node
// 20 spends more time resolving and linking those than running them).
// - dist/cli/entry.js + chunk-*.js: the whole CLI; it runs every command line.
// - dist/cli-<name>/entry.js + chunk-*.js, one per top-level command of ROUTES (src/cli/route.ts):
//   the same entry and program, in which only that command's modules are reachable, so its start
//   loads a few chunks instead of the ~70 that the whole CLI's splitting makes of the shared code.
//   bin/imp.js picks one with entryFor(argv). Another command's module imported from there is a
//   stub that fails loudly (route.ts sends only lines it reads with certainty).
// Bundles sit at the depth of the other dist/*/ files, so `new URL('../../package.json',
// import.meta.url)` finds package.json from each. tsc's type errors fail the build, but only after
// emitting, so a half-finished file elsewhere does not leave dist/ stale.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
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

/** imp's own modules that stay lazy even in a command's bundle: loaded only when help may print. */
const LAZY_ALWAYS = /\/help-messages\.js$/;

/**
 * Inside a command's bundle, imp's own lazy imports (`import('./x.js')` in tsc's output) become
 * static, so its code is one file instead of a chunk per import; packages stay lazy, and so do
 * the declarations' imports of other commands (stubs, never loaded).
 */
function ownCodeStatic(folders) {
  const own = path.join(root, 'dist') + path.sep;
  return {
    name: 'own-code-static',
    setup(b) {
      b.onLoad({ filter: /\.js$/ }, (args) => {
        if (!args.path.startsWith(own)) return undefined;
        const declare = /[/\\]cli[/\\]declare[/\\]/.test(args.path);
        const heads = [];
        const rewrite = (whole, spec) => {
          const folder = /^\.\.\/\.\.\/commands\/([^/]+)\//.exec(spec)?.[1];
          if ((declare && !folders.includes(folder)) || LAZY_ALWAYS.test(spec)) return whole;
          const name = `__impStatic${heads.length}`;
          heads.push(`import * as ${name} from '${spec}';`);
          return `Promise.resolve(${name})`;
        };
        const body = readFileSync(args.path, 'utf8').replace(/\bimport\('(\.\.?\/[^']+)'\)/g, rewrite);
        return { contents: `${heads.join('\n')}\n${body}`, loader: 'js' };
      });
    },
  };
}

const bundle = (outdir, plugins) =>
  build({
    absWorkingDir: root,
    entryPoints: { entry: 'dist/cli/main.js' },
    outdir,
    chunkNames: 'chunk-[hash]',
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'warning',
    plugins,
    // CommonJS packages (commander, got's and ora's dependencies) require node built-ins
    banner: {
      js: "import { createRequire as __impRequire } from 'node:module'; const require = __impRequire(import.meta.url);",
    },
    // ssh2 loads optional native add-ons; zip.js and cli-table3 (read through createRequire) stay
    // separate packages, loaded from node_modules when a command needs them
    external: ['ssh2', 'ssh2-sftp-client', 'cpu-features', '@zip.js/zip.js'],
  });

const declared = new Set();
await bundle('dist/cli', [declaredFolders(declared)]);
const routed = new Set([...Object.values(ROUTES).flat(), ...WHOLE_ONLY]);
const orphans = [...declared].filter((f) => !routed.has(f));
if (orphans.length > 0) {
  console.error(
    `build: src/commands/${orphans.join(', ')} belong to no command of ROUTES in src/cli/route.ts`,
  );
  process.exit(1);
}
await Promise.all(
  Object.entries(ROUTES).map(([name, folders]) =>
    bundle(`dist/cli-${name}`, [onlyCommand(name, folders), ownCodeStatic(folders)]),
  ),
);
process.exitCode = tsc.status ?? 1;

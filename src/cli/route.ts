/**
 * Which bundle starts a command line. The whole CLI (`dist/cli/entry.js`) is ES modules split in
 * ~200 chunks; `imp query` loaded 62 of them, and Node 20 spends about half a millisecond on
 * each file and compiles every one on every run. So the build (`scripts/build.mjs`) also bundles
 * the CLI once per top-level command below, into one CommonJS file, `dist/cli-<name>/entry.cjs`:
 * the same entry and program, in which only that command's modules can load (another command's
 * are stubs that fail with exit 10). src/cli/start.ts runs it through src/cli/code-cache.ts, so V8
 * compiles it once, not on every run. Anything {@link routeOf} cannot read with certainty (an
 * alias, an unknown flag before the command) starts the whole CLI, which runs every line.
 *
 * bin/imp.js runs this before anything else (bundled into dist/cli/start.cjs): it imports nothing.
 */

/** The global options that take a value (kept equal to src/cli/program.ts by its test). */
export const VALUED_GLOBALS: ReadonlySet<string> = new Set(['-c', '--config', '-p', '--profile', '--lang']);
/** The global options that take none (kept equal to src/cli/program.ts by its test). */
export const FLAG_GLOBALS: ReadonlySet<string> = new Set([
  '--json',
  '--no-input',
  '-y',
  '--yes',
  '--verbose',
  '--debug',
]);

/**
 * The top-level commands that start from a bundle of their own, each with the folders of
 * src/commands/ its subcommands' modules live in. `help` is the lines that run no command
 * (`imp`, `imp --help`, `imp help refund`, `--version`): every command declared, none loadable.
 * `demo` runs other commands' lines, so it needs the whole CLI. The build fails when a command
 * module declared in src/cli/declare/ belongs to none of these and is not `demo`'s.
 */
export const ROUTES: Readonly<Record<string, readonly string[]>> = {
  sign: ['sign'],
  verify: ['verify'],
  encrypt: ['crypt'],
  decrypt: ['crypt'],
  fields: ['fields'],
  config: ['config'],
  completion: ['completion'],
  pay: ['pay'],
  qrcode: ['qrcode'],
  scan: ['scan'],
  wechat: ['wechat'],
  query: ['query'],
  refund: ['refund'],
  close: ['close'],
  journal: ['journal'],
  notify: ['notify'],
  recon: ['recon'],
  sandbox: ['sandbox'],
  help: [],
};

/** The flags that print help or the version and run no command. */
const HELP_FLAGS: ReadonlySet<string> = new Set(['-h', '--help', '-V', '--version']);

/**
 * The bundle of a line: its top-level command, `help` when it runs none, or undefined when that
 * is not certain.
 */
export function routeOf(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (VALUED_GLOBALS.has(a)) {
      const value = argv[i + 1];
      // a value that looks like a flag: commander's reading of it is not ours to guess
      if (value === undefined || value.startsWith('-')) return undefined;
      i++;
    } else if (FLAG_GLOBALS.has(a) || HELP_FLAGS.has(a) || /^--(config|profile|lang)=./.test(a)) {
      // nothing to skip
    } else if (a.startsWith('-')) {
      return undefined; // -yc…, --bogus, anything else: the whole CLI reads it
    } else {
      return Object.hasOwn(ROUTES, a) ? a : undefined;
    }
  }
  return 'help'; // no command: commander prints the help (or the version)
}

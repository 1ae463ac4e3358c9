/**
 * Which bundle starts a command line. Node 20 spends about half a millisecond on every ES module
 * file it loads, so `imp query` starting from the whole CLI's code-split bundle (about 70 chunk
 * files) paid ~20 ms for files alone. The build (`scripts/build.mjs`) therefore also bundles the
 * CLI once per top-level command below, into `dist/cli-<name>/`: the same entry and the same
 * program, in which only that command's modules can load (about 15 files for `imp query`).
 * `bin/imp.js` asks {@link entryFor} which bundle to import; anything it cannot read with
 * certainty (help, an alias, an unknown flag before the command) starts the whole CLI, which
 * runs every command line.
 *
 * This file is imported unbundled by bin/imp.js before anything else: it imports nothing.
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
 * src/commands/ its subcommands' modules live in. `demo` runs other commands' lines and `help`
 * prints any command's help: both need the whole CLI, so they are not here. The build fails when
 * a command module declared in src/cli/declare/ belongs to none of these and is not `demo`'s.
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
};

/** The top-level command of a line (after `imp`), or undefined when it is not certain. */
export function routeOf(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (VALUED_GLOBALS.has(a)) {
      const value = argv[i + 1];
      // a value that looks like a flag: commander's reading of it is not ours to guess
      if (value === undefined || value.startsWith('-')) return undefined;
      i++;
    } else if (FLAG_GLOBALS.has(a) || /^--(config|profile|lang)=./.test(a)) {
      // nothing to skip
    } else if (a.startsWith('-')) {
      return undefined; // --help, --version, -yc…, anything else: the whole CLI reads it
    } else {
      return Object.hasOwn(ROUTES, a) ? a : undefined;
    }
  }
  return undefined;
}

/** The module bin/imp.js imports for this line, relative to this file (dist/cli/). */
export function entryFor(argv: readonly string[]): string {
  const name = routeOf(argv);
  return name === undefined ? './entry.js' : `../cli-${name}/entry.js`;
}

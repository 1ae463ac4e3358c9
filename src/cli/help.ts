import { type Argument, type Command, Help, type Option } from 'commander';
import { detectLang, type Lang, t, tr } from '../output/i18n.js';
import { VALUED_GLOBALS } from './route.js';

/** The help's words (src/output/help-messages.ts), imported only when help may be shown. */
export type HelpWords = typeof import('../output/help-messages.js');

/**
 * Help that teaches: every command's help ends with its examples and exit codes and lists the
 * global options; under Chinese the descriptions, commander's titles and its usage errors are
 * translated. The words live in src/output/help-messages.ts, kept out of the start-up bundle:
 * main.ts imports them only when help may be printed ({@link mayShowHelp}) or the language is
 * Chinese, so `imp --version` and every ordinary command never load them.
 */

/** Commands that only group subcommands: alone, commander prints their help. */
const GROUPS = new Set(['config', 'notify', 'recon']);

/** Could this command line print help? (`--help`, `-h`, `help`, no command, a group alone; not `--version`.) */
export function mayShowHelp(args: readonly string[]): boolean {
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--help' || a === '-h') return true;
    if (a === '--version' || a === '-V') return false;
    if (a === '--') break;
    if (VALUED_GLOBALS.has(a)) i++;
    else if (!a.startsWith('-')) words.push(a);
  }
  const [first, second] = words;
  return first === undefined || first === 'help' || (GROUPS.has(first) && second === undefined);
}

/** The language of help and usage errors, decided before commander parses: `--lang`, else LANG. */
export function helpLang(argv: readonly string[], env: NodeJS.ProcessEnv): Lang {
  let explicit: string | undefined;
  argv.forEach((a, i) => {
    if (a === '--lang') explicit = argv[i + 1];
    else if (a.startsWith('--lang=')) explicit = a.slice('--lang='.length);
  });
  return detectLang(explicit, env);
}

/** A command's path after `imp`: '' for imp itself, 'config init' for a subcommand. */
export function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** The line after a usage error: where the command's flags are (short, so it stays in the bundle). */
function seeHelp(path: string, lang: Lang): string {
  const cmd = `imp ${path ? `${path} ` : ''}--help`;
  return tr(
    lang,
    t(`运行 ${cmd} 查看选项、示例和退出码`, `run ${cmd} for its flags, examples and exit codes`),
  );
}

/** The text after a command's help: its examples, then the exit codes it can give. */
export function helpEpilogue(words: HelpWords, path: string, lang: Lang): string {
  const { COMMAND_HELP, EXIT_MEANING, HELP_WORDS } = words;
  const h = COMMAND_HELP[path];
  if (!h) return '';
  const lines = ['', HELP_WORDS.examples[lang]];
  for (const e of h.examples) lines.push(`  # ${e.what[lang]}`, `  $ ${e.cmd}`);
  lines.push('', HELP_WORDS.exitCodes[lang]);
  for (const code of h.exits) lines.push(`  ${String(code).padEnd(4)} ${EXIT_MEANING[code]?.[lang] ?? ''}`);
  return lines.join('\n');
}

/** Commander's usage error in Chinese. */
function translateError(words: HelpWords, text: string): string {
  let out = text;
  for (const [pattern, zh] of words.COMMANDER_ERRORS_ZH) out = out.replace(pattern, zh);
  return out;
}

/** Commander's `(default: x, choices: …)` after a description, in Chinese. */
function localizeExtra(words: HelpWords, text: string): string {
  const { HELP_WORDS } = words;
  return text.replace(/ \(((?:default|choices): [^()]*)\)$/, (_m, inner: string) => {
    const said = inner
      .replace(/\bdefault: /, `${HELP_WORDS.default}：`)
      .replace(/\bchoices: /, `${HELP_WORDS.choices}：`)
      .replace(/, (?=默认|可选)/, '，');
    return `（${said}）`;
  });
}

/**
 * Set the help of every command of the tree: the hint after a usage error always; with the
 * words loaded, the epilogue, the global options and (zh) the translations.
 */
export function applyHelp(program: Command, lang: Lang, words?: HelpWords): void {
  const zh = lang === 'zh';
  const base = Help.prototype;
  const walk = (cmd: Command) => {
    const path = commandPath(cmd);
    cmd.showHelpAfterError(seeHelp(path, lang));
    if (words) {
      cmd.configureHelp({
        sortSubcommands: false,
        showGlobalOptions: true,
        ...(zh
          ? {
              styleTitle: (title: string) => words.HELP_WORDS.titles[title] ?? title,
              optionDescription(this: Help, o: Option) {
                return localizeExtra(words, base.optionDescription.call(this, o));
              },
              argumentDescription(this: Help, a: Argument) {
                return localizeExtra(words, base.argumentDescription.call(this, a));
              },
            }
          : {}),
      });
      if (zh) {
        cmd.configureOutput({ outputError: (str, write) => write(translateError(words, str)) });
        translate(words, cmd, path);
      }
      cmd.addHelpText('after', () => helpEpilogue(words, path, lang));
    }
    for (const sub of cmd.commands) walk(sub);
  };
  walk(program);
}

function translate(words: HelpWords, cmd: Command, path: string): void {
  const { ARGUMENT_ZH, COMMAND_HELP, HELP_WORDS, OPTION_ZH } = words;
  const own = COMMAND_HELP[path]?.zh;
  if (own) cmd.description(own);
  for (const o of cmd.options) {
    const flag = o.long ?? o.short ?? '';
    const text = OPTION_ZH[`${path} ${flag}`] ?? OPTION_ZH[flag];
    if (text) o.description = text;
  }
  for (const a of cmd.registeredArguments) {
    const text = ARGUMENT_ZH[`${path} ${a.name()}`];
    if (text) a.description = text;
  }
  cmd.helpOption('-h, --help', OPTION_ZH['--help']);
  if (cmd.commands.length) cmd.helpCommand('help [command]', HELP_WORDS.helpCommand);
}

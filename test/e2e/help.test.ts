import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { applyHelp, commandPath } from '../../src/cli/help.js';
import { buildProgram } from '../../src/cli/program.js';
import { ExitCode } from '../../src/core/exit-codes.js';
import * as words from '../../src/output/help-messages.js';
import { runImp } from '../helpers/cli.js';

// Help that teaches: every command's --help ends with 2–4 examples and the exit codes it can
// give, lists the global options, fits 80 columns, and --lang zh translates all of it.
const noop = async () => undefined;
const all = (c: Command): Command[] => [c, ...c.commands.flatMap(all)];
const paths = all(buildProgram('0', noop)).map(commandPath);
const CODES = new Set<number>(Object.values(ExitCode));
const CJK = /[\u4e00-\u9fff]/;
/** Terminal columns: CJK and full-width characters take two. */
const width = (s: string) =>
  [...s].reduce(
    (n, ch) =>
      n +
      (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
        ch,
      )
        ? 2
        : 1),
    0,
  );

async function helpOf(lang: 'en' | 'zh'): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < paths.length; i += 6) {
    const batch = paths.slice(i, i + 6);
    const runs = await Promise.all(
      batch.map((p) => runImp(['--lang', lang, ...(p ? p.split(' ') : []), '--help'])),
    );
    batch.forEach((p, j) => {
      const r = runs[j];
      expect([p, r?.code, r?.stderr]).toEqual([p, 0, '']);
      out.set(p, r?.stdout ?? '');
    });
  }
  return out;
}

function section(text: string, title: string): string[] {
  const lines = text.split('\n');
  const at = lines.indexOf(title);
  if (at < 0) return [];
  const end = lines.findIndex((l, i) => i > at && l === '');
  return lines.slice(at + 1, end < 0 ? undefined : end);
}

describe('every command teaches in its --help', () => {
  it(`walks ${paths.length} commands in English: examples, exit codes, global options, 80 columns`, async () => {
    expect(paths.length).toBeGreaterThan(30);
    for (const [path, text] of await helpOf('en')) {
      const examples = section(text, 'Examples:').filter((l) => l.startsWith('  $ imp '));
      expect([path, examples.length >= 2 && examples.length <= 4]).toEqual([path, true]);
      const exits = section(text, 'Exit codes:').map((l) => Number(/^ {2}(\d+) +\S/.exec(l)?.[1]));
      expect([path, exits.length >= 1, exits.every((c) => CODES.has(c)), exits.includes(0)]).toEqual([
        path,
        true,
        true,
        true,
      ]);
      const globals = path
        ? section(text, 'Global Options:').join('\n')
        : section(text, 'Options:').join('\n');
      for (const flag of ['--config', '--profile', '--json', '--no-input', '--yes', '--lang']) {
        expect([path, globals]).toEqual([path, expect.stringContaining(flag)]);
      }
      const tail = text.slice(text.indexOf('Examples:')).split('\n');
      expect([path, tail.filter((l) => width(l) > 80)]).toEqual([path, []]);
    }
  }, 120_000);

  it('--lang zh: titles, examples and exit codes in Chinese', async () => {
    for (const [path, text] of await helpOf('zh')) {
      expect([path, text]).toEqual([path, expect.stringMatching(/^用法：/)]);
      expect(section(text, '示例：').filter((l) => l.startsWith('  $ imp ')).length).toBeGreaterThanOrEqual(
        2,
      );
      expect(section(text, '退出码：').every((l) => CJK.test(l))).toBe(true);
      if (path) expect(section(text, '全局选项：').join('\n')).toContain('--config');
      const tail = text.slice(text.indexOf('示例：')).split('\n');
      expect([path, tail.filter((l) => width(l) > 80)]).toEqual([path, []]);
    }
  }, 120_000);

  it('--lang zh: every command, option and argument description is translated', () => {
    const untranslated: string[] = [];
    const program = buildProgram('0', noop);
    applyHelp(program, 'zh', words);
    for (const cmd of all(program)) {
      const path = commandPath(cmd) || 'imp';
      if (!CJK.test(cmd.description())) untranslated.push(`${path}: ${cmd.description()}`);
      for (const o of cmd.options)
        if (o.description && !CJK.test(o.description))
          untranslated.push(`${path} ${o.flags}: ${o.description}`);
      for (const a of cmd.registeredArguments)
        if (a.description && !CJK.test(a.description))
          untranslated.push(`${path} <${a.name()}>: ${a.description}`);
    }
    expect(untranslated).toEqual([]);
  });
});

describe('usage errors', () => {
  it('name the command whose --help to read', async () => {
    const r = await runImp(['pay', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      "error: unknown option '--bogus'",
      'run imp pay --help for its flags, examples and exit codes',
    ]);
  });

  it('--lang zh translates them', async () => {
    const r = await runImp(['--lang', 'zh', 'pay', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      "错误：未知选项 '--bogus'",
      '运行 imp pay --help 查看选项、示例和退出码',
    ]);
    const choice = await runImp(['completion', 'fishy'], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(choice.stderr.split('\n')[0]).toBe("错误：参数 'shell' 的值 'fishy' 无效；可选：bash, zsh, fish");
  });
});

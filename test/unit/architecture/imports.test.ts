import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The layering of docs/ARCHITECTURE.md, checked on every import of src/ (static, `export … from`,
// dynamic `import('…')` and `typeof import('…')`):
// - nothing outside src/cli and src/commands imports src/cli;
// - a command imports only the kit of src/cli (src/cli/kit/); `imp demo` also runs command lines
//   through src/cli/run.ts, and `imp completion` walks the declarations of src/cli/program.ts;
// - the kit imports nothing else of src/cli;
// - src/commands/<a>/ imports no src/commands/<b>/ (b ≠ a), except src/commands/shared/;
// - every dynamic import names its module literally (else the rules above cannot see it).

const SRC = path.resolve(import.meta.dirname, '../../../src');

/** Files under src/ by path relative to the repository (`src/…`), with their text. */
function sourceFiles(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
        files.set(`src/${path.relative(root, p).split(path.sep).join('/')}`, readFileSync(p, 'utf8'));
    }
  };
  walk(root);
  return files;
}

/** The module specifiers a file imports; a non-literal dynamic import is given as `null`. */
function importsOf(file: string, text: string): (string | null)[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: (string | null)[] = [];
  const literal = (n: ts.Node | undefined) => (n && ts.isStringLiteralLike(n) ? n.text : null);
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
      if (node.moduleSpecifier) found.push(literal(node.moduleSpecifier));
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      found.push(literal(node.arguments[0]));
    } else if (ts.isImportTypeNode(node)) {
      const arg = node.argument;
      found.push(ts.isLiteralTypeNode(arg) ? literal(arg.literal) : null);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** `src/…` path of a relative specifier (`.js` → `.ts`), or undefined for a package. */
function target(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  return path.posix.join(path.posix.dirname(from), spec).replace(/\.js$/, '.ts');
}

const under = (p: string, dir: string) => p.startsWith(`${dir}/`);
const commandOf = (p: string) => (under(p, 'src/commands') ? p.split('/')[2] : undefined);

/** Every import of `files` that breaks a rule, as `<file> → <import>: <rule>`. */
function violations(files: ReadonlyMap<string, string>): string[] {
  const found: string[] = [];
  for (const [file, text] of files) {
    for (const spec of importsOf(file, text)) {
      if (spec === null) {
        found.push(`${file} → import(<expression>): a dynamic import must name its module literally`);
        continue;
      }
      const to = target(file, spec);
      if (!to) continue;
      const rule = brokenRule(file, to);
      if (rule) found.push(`${file} → ${to}: ${rule}`);
    }
  }
  return found;
}

function brokenRule(file: string, to: string): string | undefined {
  const fromCli = under(file, 'src/cli');
  const fromCommands = under(file, 'src/commands');
  if (under(to, 'src/cli')) {
    if (!fromCli && !fromCommands) return 'only src/cli and src/commands may import src/cli';
    if (fromCommands && !under(to, 'src/cli/kit')) {
      const cmd = commandOf(file);
      if (cmd === 'demo' && to === 'src/cli/run.ts') return undefined;
      if (cmd === 'completion' && to === 'src/cli/program.ts') return undefined;
      return 'a command imports only src/cli/kit/';
    }
    if (under(file, 'src/cli/kit') && !under(to, 'src/cli/kit'))
      return 'the kit imports nothing else of src/cli';
  }
  const a = commandOf(file);
  const b = commandOf(to);
  if (a && b && a !== b && b !== 'shared') return `src/commands/${a}/ imports src/commands/${b}/`;
  return undefined;
}

describe('import rules (docs/ARCHITECTURE.md)', () => {
  it('src/ keeps them', () => {
    const files = sourceFiles(SRC);
    expect(files.size).toBeGreaterThan(100);
    expect(files.has('src/cli/kit/context.ts')).toBe(true);
    expect(violations(files)).toEqual([]);
  });

  it('sees every kind of import, and no import in a comment or a string', () => {
    const text = [
      "import a from './a.js';",
      "import type { B } from './b.js';",
      "export { c } from './c.js';",
      "const e = await import('./e.js');",
      "type F = typeof import('./f.js');",
      'const g = (n: string) => import(n);',
      "// import('./comment.js')",
      'const s = "import(\'./string.js\')";',
    ].join('\n');
    expect(importsOf('src/x.ts', text)).toEqual(['./a.js', './b.js', './c.js', './e.js', './f.js', null]);
  });

  it('names each rule a file breaks', () => {
    const files = new Map([
      ['src/txn/send.ts', "import type { Context } from '../cli/kit/context.js';"],
      ['src/refund/plan.ts', "const { impPrefix } = await import('../cli/kit/hint.js');"],
      ['src/commands/query/query.ts', "import { buildProgram } from '../../cli/program.js';"],
      ['src/commands/verify/verify.ts', "import { readMessage } from '../sign/input.js';"],
      ['src/commands/shared/outcome.ts', "import { run } from '../refund/index.js';"],
      ['src/cli/kit/prompt.ts', "import { report } from '../report.js';"],
      ['src/commands/pay/pay.ts', 'const m = await import(modulePath);'],
      // allowed
      [
        'src/commands/refund/single.ts',
        "import { x } from '../shared/order-command.js';\nimport { y } from './plan.js';",
      ],
      ['src/commands/demo/env.ts', "import { runCommand } from '../../cli/run.js';"],
      ['src/commands/completion/spec.ts', "import { buildProgram } from '../../cli/program.js';"],
      ['src/cli/run.ts', "import { report } from './report.js';\nimport { c } from './kit/context.js';"],
      ['src/batch/run.ts', "import { t } from '../output/i18n.js';\nimport got from 'got';"],
    ]);
    expect(violations(files)).toEqual([
      'src/txn/send.ts → src/cli/kit/context.ts: only src/cli and src/commands may import src/cli',
      'src/refund/plan.ts → src/cli/kit/hint.ts: only src/cli and src/commands may import src/cli',
      'src/commands/query/query.ts → src/cli/program.ts: a command imports only src/cli/kit/',
      'src/commands/verify/verify.ts → src/commands/sign/input.ts: src/commands/verify/ imports src/commands/sign/',
      'src/commands/shared/outcome.ts → src/commands/refund/index.ts: src/commands/shared/ imports src/commands/refund/',
      'src/cli/kit/prompt.ts → src/cli/report.ts: the kit imports nothing else of src/cli',
      'src/commands/pay/pay.ts → import(<expression>): a dynamic import must name its module literally',
    ]);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fill } from '../../../src/output/messages/fill.js';

// One messages layer (issue 17): domain code returns codes and parameters; the words, zh and
// en side by side, live in src/output/messages/<area>.ts, and renderers (src/output,
// src/commands, src/cli) put them on screen. The catalogue's bilingual labels are declarative
// data and stay where they are.

const ROOT = join(import.meta.dirname, '../../..');
const SRC = join(ROOT, 'src');
/** Where words may be chosen by language. */
const RENDERERS = ['src/output/', 'src/commands/', 'src/cli/', 'src/catalogue/'];

/** What marks a file as choosing words by language. */
const PATTERNS: readonly [string, RegExp][] = [
  [
    'imports t/tr/Lang from src/output/i18n',
    /import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'[./]*output\/i18n\.js'/g,
  ],
  ['a zh ? … : … ternary', /\bzh\s*\?/],
  ["a lang === 'zh' test", /\blang\s*===\s*'zh'/],
];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Why a file builds text in domain code, or undefined. */
function offence(text: string): string | undefined {
  for (const [what, re] of PATTERNS) {
    if (re.global) {
      for (const m of text.matchAll(re)) {
        const names = (m[1] ?? '').split(',').map((n) => n.replace(/\btype\b/, '').trim());
        if (names.some((n) => n === 't' || n === 'tr' || n === 'Lang')) return what;
      }
    } else if (re.test(text)) return what;
  }
  return undefined;
}

describe('the messages layer', () => {
  const domain = files(SRC)
    .map((f) => relative(ROOT, f).split('\\').join('/'))
    .filter((f) => !RENDERERS.some((r) => f.startsWith(r)));
  const offenders = domain
    .map((f) => [f, offence(readFileSync(join(ROOT, f), 'utf8'))] as const)
    .filter(([, why]) => why !== undefined);

  it('domain code outside src/output, src/commands, src/cli and src/catalogue chooses no words by language', () => {
    const found = offenders.map(([f, why]) => `${f}: ${why}`);
    expect(found).toEqual([]);
  });

  it('no file anywhere in src/ picks words with a language ternary: words are a Text put on screen by out.t or tr', () => {
    // a ternary whose branches are words (help.ts's `zh ? { translations } : {}` picks settings)
    const ternary = /\b(?:zh|lang\s*===\s*'zh')\s*\?\s*['`]/;
    const found = files(SRC)
      .map((f) => relative(ROOT, f).split('\\').join('/'))
      .filter((f) => ternary.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(found).toEqual([]);
  });

  it('the check finds each kind of offence', () => {
    expect(offence("import { type Text, t } from '../output/i18n.js';")).toBeDefined();
    expect(offence("import type { Lang } from '../../output/i18n.js';")).toBeDefined();
    expect(offence('const s = zh ? "是" : "yes";')).toBeDefined();
    expect(offence("return lang === 'zh' ? a : b;")).toBeDefined();
    expect(offence("import type { Text } from '../output/i18n.js';")).toBeUndefined();
  });
});

describe('fill', () => {
  it('puts parameters in their slots in both languages, once, and leaves unknown slots', () => {
    const text = { zh: '{a} 与 {b}（{c}）', en: '{a} and {b} ({c})' };
    expect(fill(text, { a: 'x{b}', b: 2 })).toEqual({ zh: 'x{b} 与 2（{c}）', en: 'x{b} and 2 ({c})' });
  });
});

import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Code that runs once per row, request, journal line or notification must not build objects as
// `{ ...x, key: v }` (or `{ ...x, ...y }`): Node 20's V8 gives each such object a hidden class of
// its own, which cost a 10,000-row batch seconds of CPU and tens of megabytes of old-space garbage.
// Use extend() from src/core/extend.ts. One-shot code (commands, config, the catalogue) may spread.
const root = path.resolve(import.meta.dirname, '../../src');
const HOT = [
  'batch',
  'journal',
  'protocol',
  'http',
  'sandbox',
  'recon',
  'notify',
  'txn/send.ts',
  'txn/prepare.ts',
  'refund/book.ts',
];

function tsFiles(p: string): string[] {
  if (statSync(p).isFile()) return p.endsWith('.ts') ? [p] : [];
  return readdirSync(p).flatMap((n) => tsFiles(path.join(p, n)));
}

/** `name:line` of every object literal in `text` that starts with a spread and has members after it. */
function spreadsThenKeys(name: string, text: string): string[] {
  const src = ts.createSourceFile(name, text, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const visit = (n: ts.Node) => {
    if (
      ts.isObjectLiteralExpression(n) &&
      n.properties.length > 1 &&
      ts.isSpreadAssignment(n.properties[0]!)
    ) {
      found.push(`${name}:${src.getLineAndCharacterOfPosition(n.getStart()).line + 1}`);
    }
    ts.forEachChild(n, visit);
  };
  visit(src);
  return found;
}

describe('objects built per row or per request', () => {
  it('never start with a spread followed by more keys (extend() instead)', () => {
    const files = HOT.flatMap((p) => tsFiles(path.join(root, p)));
    expect(files.length).toBeGreaterThan(40);
    const found = files.flatMap((f) => spreadsThenKeys(path.relative(root, f), readFileSync(f, 'utf8')));
    expect(found).toEqual([]);
  });

  it('the check finds the pattern it forbids, and only that', () => {
    const text =
      'const a = { ...b };\nconst c = { d: 1, ...e };\nconst f = { ...g, h: 1 };\nconst i = { ...j, ...k };';
    expect(spreadsThenKeys('x.ts', text)).toEqual(['x.ts:3', 'x.ts:4']);
  });
});

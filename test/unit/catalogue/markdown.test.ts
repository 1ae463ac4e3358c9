import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../../src/catalogue/index.js';
import { catalogueMarkdown } from '../../../src/catalogue/markdown.js';

const DOC = new URL('../../../docs/TRANSACTIONS.md', import.meta.url);

describe('docs/TRANSACTIONS.md', () => {
  it('is the catalogue as generated (UPDATE_DOCS=1 rewrites it)', () => {
    const md = catalogueMarkdown();
    for (const txn of Object.values(CATALOGUE)) expect(md).toContain(`\`${txn.path}\``);
    if (process.env.UPDATE_DOCS) writeFileSync(DOC, md);
    expect(readFileSync(DOC, 'utf8')).toBe(md);
  });
});

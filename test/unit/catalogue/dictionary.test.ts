import { describe, expect, it } from 'vitest';
import { field, vary } from '../../../src/catalogue/field.js';
import * as F from '../../../src/catalogue/fields/index.js';
import { CATALOGUE } from '../../../src/catalogue/index.js';
import type { FieldDef } from '../../../src/catalogue/types.js';
import { t } from '../../../src/output/i18n.js';

const isField = (v: unknown): v is FieldDef =>
  typeof v === 'object' && v !== null && 'name' in v && 'specType' in v && 'label' in v;

describe('catalogue field dictionary', () => {
  it('vary() changes only what a table says, re-deriving the byte length from a new type', () => {
    const base = field('orderno', 'char(30)', true, t('商户订单号', 'merchant order number'), {
      description: '商户订单号，商户端保证唯一',
    });
    const before = structuredClone(base);
    const answered = vary(base, { specType: 'varchar(32)', required: false, description: undefined });
    expect(answered).toMatchObject({
      name: 'orderno',
      specType: 'varchar(32)',
      maxBytes: 32,
      required: false,
    });
    expect('description' in answered).toBe(false);
    expect(answered.label).toEqual(base.label);
    expect(vary(base, { specType: 'Char' }).maxBytes).toBeUndefined();
    expect(vary(base, { specType: 'Int' }).kind).toBe('text');
    expect(base).toEqual(before);
  });

  it('every field of every table is one the dictionary (or the common header) defines', () => {
    const known = new Set<string>();
    for (const v of Object.values(F)) {
      for (const f of Array.isArray(v) ? v : [v]) if (isField(f)) known.add(f.name);
    }
    const missing: string[] = [];
    for (const txn of Object.values(CATALOGUE)) {
      for (const side of ['request', 'answer', 'notify'] as const) {
        for (const f of txn[side] ?? []) {
          if (!f.header && !f.signature && !known.has(f.name)) missing.push(`${txn.name}.${side}.${f.name}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('a field keeps its dictionary enumeration in every table', () => {
    const enums = new Map<string, FieldDef['enum']>();
    for (const v of Object.values(F)) if (isField(v) && v.enum) enums.set(v.name, v.enum);
    for (const txn of Object.values(CATALOGUE)) {
      for (const f of [...txn.request, ...txn.answer, ...(txn.notify ?? [])]) {
        if (enums.has(f.name)) expect(f.enum, `${txn.name}.${f.name}`).toBe(enums.get(f.name));
      }
    }
  });
});

import type { Text } from '../output/i18n.js';
import type { FieldDef, FieldKind } from './types.js';

/** The byte length a spec type declares: `char(64)` → 64, `Char` / `Int` → undefined. */
export function maxBytesOf(specType: string): number | undefined {
  const m = /^\s*(?:var)?char\s*\((\d+)\)\s*$/i.exec(specType);
  return m ? Number(m[1]) : undefined;
}

/** The check a spec type implies on its own: `Int` amounts are 分, `Number(15.2)` are 元. */
export function kindOf(specType: string): FieldKind {
  if (/^int$/i.test(specType.trim())) return 'fen';
  if (/^number\s*\(/i.test(specType.trim())) return 'yuan';
  return 'text';
}

/**
 * One row of a spec table. Kind and byte length come from the spec type unless
 * `more` says otherwise, so each row reads like the table it was copied from.
 */
export function field(
  name: string,
  specType: string,
  required: boolean | 'conditional',
  label: Text,
  more: Partial<Omit<FieldDef, 'name' | 'specType' | 'required' | 'label'>> = {},
): FieldDef {
  const maxBytes = maxBytesOf(specType);
  return {
    name,
    specType,
    kind: kindOf(specType),
    ...(maxBytes === undefined ? {} : { maxBytes }),
    required,
    label,
    ...more,
  };
}

/** What one table changes in a dictionary field; a key set to `undefined` is dropped. */
export type FieldChanges = { [K in keyof Omit<FieldDef, 'name'>]?: FieldDef[K] | undefined };

/**
 * A dictionary field as one spec table has it: the same field with only the
 * differences that table shows (required flag, type, wording). A new `specType`
 * brings its own byte length; the kind stays unless `changes` sets it.
 */
export function vary(base: FieldDef, changes: FieldChanges): FieldDef {
  const out: Record<string, unknown> = { ...base };
  if (changes.specType !== undefined) {
    delete out.maxBytes;
    const maxBytes = maxBytesOf(changes.specType);
    if (maxBytes !== undefined) out.maxBytes = maxBytes;
  }
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out as unknown as FieldDef;
}

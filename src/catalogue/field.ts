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

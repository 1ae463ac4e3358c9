import type { FieldDef, TxnDef } from '../catalogue/types.js';
import { specByteLength } from '../core/bytes.js';
import { UsageError } from '../core/errors.js';
import { msg } from '../core/message.js';
import { isHms, isYmd } from '../core/time.js';
import type { Text } from '../output/i18n.js';
import { english, saidHints } from '../output/messages/errors.js';
import { problemText } from '../output/messages/validate.js';

/** What is wrong with a field, as a stable machine code (the sandbox maps these to respcodes). */
export const PROBLEM_CODES = [
  'required',
  'too_long',
  'fixed',
  'enum',
  'digits',
  'date',
  'time',
  'datetime',
  'amount',
  'url',
  'json',
  'id',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** One field that does not match its spec table row. */
export interface Problem {
  field: string;
  code: ProblemCode;
  message: Text;
}

/** Options for {@link validateFields}. */
export interface ValidateOptions {
  /**
   * Also require `sign`/`sign_type`: for a message that should already be signed
   * (the sandbox checking a request). Before signing they are never reported missing.
   */
  signed?: boolean;
}

const FEN = /^(0|[1-9]\d{0,14})$/;
const YUAN = /^-?(0|[1-9]\d{0,12})(\.\d{1,2})?$/;

/** Printable ASCII without the characters a raw `k=v&…` answer cannot carry (`&`, `=`, `%`, `+`). */
export function isWireId(v: string): boolean {
  return /^[!-~]+$/.test(v) && !/[&=%+]/.test(v);
}

function isDateTime(v: string): boolean {
  return /^\d{14}$/.test(v) && isYmd(v.slice(0, 8)) && isHms(v.slice(8));
}

function isUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

function isJson(v: string): boolean {
  try {
    JSON.parse(v);
    return true;
  } catch {
    return false;
  }
}

/** The check of a field's kind: undefined when the value is fine, else the problem code. */
function kindProblem(def: FieldDef, v: string): ProblemCode | undefined {
  switch (def.kind) {
    case 'digits':
      return /^\d+$/.test(v) ? undefined : 'digits';
    case 'id':
      return isWireId(v) ? undefined : 'id';
    case 'fen':
      return FEN.test(v) ? undefined : 'amount';
    case 'yuan':
      return YUAN.test(v) ? undefined : 'amount';
    case 'date':
      return isYmd(v) ? undefined : 'date';
    case 'time':
      return isHms(v) ? undefined : 'time';
    case 'datetime':
      return isDateTime(v) ? undefined : 'datetime';
    case 'url':
      return isUrl(v) ? undefined : 'url';
    case 'json':
      return isJson(v) ? undefined : 'json';
    default:
      return undefined;
  }
}

function problem(def: FieldDef, code: ProblemCode, value: string): Problem {
  const bytes = code === 'too_long' ? specByteLength(value) : 0;
  return { field: def.name, code, message: problemText(def, code, value, bytes) };
}

/**
 * Check fields against a spec table: required, byte length (a Chinese character
 * counting 2), fixed values, enums and kinds. Every problem is returned, in table
 * order; fields the table lacks pass through unchecked (users add fields the spec's
 * tables forget). Free of CLI concerns: the sandbox uses it to answer error respcodes.
 */
export function validateFields(
  fields: Readonly<Record<string, string | undefined>>,
  defs: readonly FieldDef[],
  options: ValidateOptions = {},
): Problem[] {
  const problems: Problem[] = [];
  for (const def of defs) {
    const raw = fields[def.name];
    const value = raw ?? '';
    if (value.trim() === '') {
      if (def.required === true && (!def.signature || options.signed))
        problems.push(problem(def, 'required', ''));
      continue;
    }
    if (def.maxBytes !== undefined && specByteLength(value) > def.maxBytes) {
      problems.push(problem(def, 'too_long', value));
    }
    if (def.fixed !== undefined && value !== def.fixed) {
      problems.push(problem(def, 'fixed', value));
    } else if (def.enum && !def.enum.some((e) => e.value === value)) {
      problems.push(problem(def, 'enum', value));
    } else {
      const code = kindProblem(def, value);
      if (code) problems.push(problem(def, code, value));
    }
  }
  return problems;
}

/**
 * Validate a request before it is signed and sent; throws one UsageError (exit 2,
 * code INVALID_FIELDS) naming the count and the first problem, with every problem
 * in `hints` and `details.problems`.
 */
export function assertValid(txn: TxnDef, fields: Readonly<Record<string, string | undefined>>): void {
  const problems = validateFields(fields, txn.request);
  if (problems.length === 0) return;
  const n = problems.length;
  const each = problems.map((p) => msg('invalid-field', { ...p.message }));
  const said = msg('invalid-fields', { txn: txn.name, n, s: n === 1 ? '' : 's', first: each[0]! });
  throw new UsageError(english(said), {
    code: 'INVALID_FIELDS',
    said,
    ...saidHints(each),
    details: { problems },
  });
}

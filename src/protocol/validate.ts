import type { FieldDef, TxnDef } from '../catalogue/types.js';
import { specByteLength } from '../core/bytes.js';
import { UsageError } from '../core/errors.js';
import { isHms, isYmd } from '../core/time.js';
import type { Lang, Text } from '../output/i18n.js';

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

const KIND_TEXT: Record<ProblemCode, Text> = {
  required: { zh: '必填', en: 'is required' },
  too_long: { zh: '超长', en: 'is too long' },
  fixed: { zh: '取值固定', en: 'has a fixed value' },
  enum: { zh: '取值不在允许范围内', en: 'is not an allowed value' },
  digits: { zh: '只能是数字', en: 'must be digits only' },
  date: { zh: '应为日期 yyyyMMdd', en: 'must be a date yyyyMMdd' },
  time: { zh: '应为时间 HHmmss', en: 'must be a time HHmmss' },
  datetime: { zh: '应为日期时间 yyyyMMddHHmmss', en: 'must be a date-time yyyyMMddHHmmss' },
  amount: { zh: '金额格式不正确', en: 'is not a valid amount' },
  url: { zh: '应为 http(s) 地址', en: 'must be an http(s) URL' },
  json: { zh: '应为 JSON', en: 'must be JSON' },
  id: {
    zh: '含有报文无法传递的字符（只允许可打印 ASCII，不含 & = % + 与空白）',
    en: 'holds a character the wire cannot carry (printable ASCII only, no & = % + or whitespace)',
  },
};

function problem(def: FieldDef, code: ProblemCode, value: string): Problem {
  const base = KIND_TEXT[code];
  const shown = value.length > 40 ? `${value.slice(0, 37)}...` : value;
  let zh = `${def.name}（${def.label.zh}）${base.zh}`;
  let en = `${def.name} (${def.label.en}) ${base.en}`;
  if (code === 'too_long') {
    const n = specByteLength(value);
    zh += `：${n} 字节，${def.specType} 最多 ${def.maxBytes} 字节（中文字符计 2 字节）`;
    en += `: ${n} bytes, ${def.specType} allows ${def.maxBytes} (a Chinese character counts 2)`;
  } else if (code === 'fixed') {
    zh += `：应为 ${def.fixed}，实为 '${shown}'`;
    en += `: must be ${def.fixed}, got '${shown}'`;
  } else if (code === 'enum') {
    const allowed = (def.enum ?? []).map((e) => e.value).join(', ');
    zh += `：'${shown}'，允许 ${allowed}`;
    en += `: '${shown}', allowed ${allowed}`;
  } else if (code === 'amount') {
    const fmt =
      def.kind === 'fen'
        ? ['整数分，如 180', 'an integer number of fen, e.g. 180']
        : ['元，最多两位小数', 'yuan with at most 2 decimals'];
    zh += `：'${shown}'，应为${fmt[0]}`;
    en += `: '${shown}', expected ${fmt[1]}`;
  } else if (code !== 'required') {
    zh += `：'${shown}'`;
    en += `: '${shown}'`;
  }
  return { field: def.name, code, message: { zh, en } };
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
export function assertValid(
  txn: TxnDef,
  fields: Readonly<Record<string, string | undefined>>,
  lang: Lang = 'en',
): void {
  const problems = validateFields(fields, txn.request);
  if (problems.length === 0) return;
  const first = problems[0]!.message[lang];
  const n = problems.length;
  const message =
    lang === 'zh'
      ? `${txn.name}：${n} 个字段不合规，首个：${first}`
      : `${txn.name}: ${n} invalid field${n === 1 ? '' : 's'}, first: ${first}`;
  throw new UsageError(message, {
    code: 'INVALID_FIELDS',
    hints: problems.map((p) => p.message[lang]),
    details: { problems },
  });
}

import type { FieldDef } from '../../catalogue/types.js';
import type { ProblemCode } from '../../protocol/validate.js';
import { type Text, t } from '../i18n.js';
import type { MessageTable } from './fill.js';

/** Request checks before sending (src/protocol/validate.ts, wire-safe.ts), zh and en. */
export type ValidateCode = 'invalid-fields' | 'invalid-field' | 'wire-unsafe';

export const VALIDATE_MESSAGES: MessageTable<ValidateCode> = {
  'invalid-fields': t(
    '{txn}：{n} 个字段不合规，首个：{first}',
    '{txn}: {n} invalid field{s}, first: {first}',
  ),
  // one field's problem, its words already in both languages (see problemText)
  'invalid-field': t('{zh}', '{en}'),
  'wire-unsafe': t(
    '{flag}：{value} 含有报文无法传递的字符 {bad}（只允许可打印 ASCII，不含 & = % + 与空白）；未发送',
    '{flag}: {value} holds {bad}, which the wire cannot carry (printable ASCII only, no & = % + or whitespace); nothing sent',
  ),
};

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

/** A field's problem in both languages: its name and label, what is wrong, and the value (cut at 40). */
export function problemText(def: FieldDef, code: ProblemCode, value: string, bytes: number): Text {
  const base = KIND_TEXT[code];
  const shown = value.length > 40 ? `${value.slice(0, 37)}...` : value;
  let zh = `${def.name}（${def.label.zh}）${base.zh}`;
  let en = `${def.name} (${def.label.en}) ${base.en}`;
  if (code === 'too_long') {
    zh += `：${bytes} 字节，${def.specType} 最多 ${def.maxBytes} 字节（中文字符计 2 字节）`;
    en += `: ${bytes} bytes, ${def.specType} allows ${def.maxBytes} (a Chinese character counts 2)`;
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
  return { zh, en };
}

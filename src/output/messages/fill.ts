import type { Message, MessageParams } from '../../core/message.js';
import type { Text } from '../i18n.js';

/** A message table: every code of an area with its words in both languages; `{name}` marks a parameter. */
export type MessageTable<C extends string> = Readonly<Record<C, Text>>;

const slot = /\{(\w+)\}/g;

/** Fill `{name}` slots from the parameters (a slot without a parameter stays as written). */
export function fill(text: Text, params: MessageParams = {}): Text {
  const one = (s: string) =>
    s.replace(slot, (whole, name: string) => (name in params ? String(params[name]) : whole));
  return { zh: one(text.zh), en: one(text.en) };
}

/** A message's words from its area's table, parameters filled. */
export function textOf<C extends string>(table: MessageTable<C>, m: Message<C>): Text {
  return fill(table[m.code], m.params);
}

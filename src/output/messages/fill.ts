import type { Message, MessageParams } from '../../core/message.js';
import type { Text } from '../i18n.js';

/** A message table: every code of an area with its words in both languages; `{name}` marks a parameter. */
export type MessageTable<C extends string> = Readonly<Record<C, Text>>;

const slot = /\{(\w+)\}/g;

/**
 * Fill `{name}` slots from the parameters (a slot without a parameter stays as written); a
 * parameter that is itself a message is put in words by `nested`, in the same language.
 */
export function fill(
  text: Text,
  params: MessageParams = {},
  nested: (m: Message) => Text | undefined = () => undefined,
): Text {
  const one = (s: string, lang: keyof Text) =>
    s.replace(slot, (whole, name: string) => {
      if (!(name in params)) return whole;
      const p = params[name]!;
      return typeof p === 'object' ? (nested(p)?.[lang] ?? p.code) : String(p);
    });
  return { zh: one(text.zh, 'zh'), en: one(text.en, 'en') };
}

/** A message's words from its area's table, parameters filled. */
export function textOf<C extends string>(table: MessageTable<C>, m: Message<C>): Text {
  const nested = (n: Message): Text | undefined =>
    n.code in table ? textOf(table, n as Message<C>) : undefined;
  return fill(table[m.code], m.params, nested);
}

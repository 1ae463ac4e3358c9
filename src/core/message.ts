/** Parameters of a message: shown as they are, or (an error's cause) a message of their own. */
export type MessageParams = Readonly<Record<string, string | number | Message>>;

/**
 * What domain code says instead of text: a stable code and its parameters. The words, zh and
 * en, live once in `src/output/messages/<area>.ts`; renderers turn a message into text.
 */
export interface Message<C extends string = string> {
  code: C;
  params?: MessageParams;
}

/** Shorthand for building a {@link Message}. */
export function msg<C extends string>(code: C, params?: MessageParams): Message<C> {
  return params ? { code, params } : { code };
}

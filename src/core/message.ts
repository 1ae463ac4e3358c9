/** A parameter of a message: shown as it is, or as a number. */
export type MessageParams = Readonly<Record<string, string | number>>;

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

import type { Message } from '../../core/message.js';
import type { Text } from '../i18n.js';
import { fill } from './fill.js';
import { HTTP_MESSAGES } from './http.js';

// The areas whose errors carry a code (ImpError.said): the error printer looks their words up here.
const TABLES: readonly Readonly<Record<string, Text>>[] = [HTTP_MESSAGES];

/** An error's words in both languages, or undefined when its code is in no table. */
export function errorText(said: Message): Text | undefined {
  for (const table of TABLES) {
    const text = table[said.code];
    if (text) return fill(text, said.params, errorText);
  }
  return undefined;
}

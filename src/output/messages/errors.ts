import type { Message } from '../../core/message.js';
import type { Lang, Text } from '../i18n.js';
import { fill } from './fill.js';
import { HTTP_MESSAGES } from './http.js';
import { MONEY_MESSAGES } from './money.js';
import { REFUND_MESSAGES } from './refund.js';
import { TXN_MESSAGES } from './txn.js';
import { VALIDATE_MESSAGES } from './validate.js';

// The areas whose errors carry a code (ImpError.said): the error printer looks their words up here.
const TABLES: readonly Readonly<Record<string, Text>>[] = [
  HTTP_MESSAGES,
  TXN_MESSAGES,
  REFUND_MESSAGES,
  VALIDATE_MESSAGES,
  MONEY_MESSAGES,
];

/** An error's words in both languages, or undefined when its code is in no table. */
export function errorText(said: Message): Text | undefined {
  for (const table of TABLES) {
    const text = table[said.code];
    if (text) return fill(text, said.params, errorText);
  }
  return undefined;
}

/** The English of a message, for an error's `message` (logs, the journal); the printer shows `said`. */
export function english(said: Message): string {
  return errorText(said)?.en ?? said.code;
}

/** A hint line in one language: a plain line as it is, a message in its words. */
export function hintIn(lang: Lang, line: string | Message): string {
  return typeof line === 'string' ? line : (errorText(line)?.[lang] ?? line.code);
}

/** Hint lines as an error carries them: their English in `hints`, as said in `hintsSaid`. */
export function saidHints(lines: readonly (string | Message)[]): {
  hints: string[];
  hintsSaid: (string | Message)[];
} {
  return { hints: lines.map((l) => hintIn('en', l)), hintsSaid: [...lines] };
}

/** What an error says in one language: its `said` in words, else its message. */
export function errorIn(lang: Lang, err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const said = (err as { said?: Message }).said;
  return (said && errorText(said)?.[lang]) ?? err.message;
}

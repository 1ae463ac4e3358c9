/**
 * Characters that would let data from outside (a notification's fields, an answer's respmsg,
 * a file name on the bank's server, an SFTP message, a journal line) move the cursor, start a
 * new line or change colours on the operator's terminal: C0 and C1 controls, DEL, the Unicode
 * line/paragraph separators and the bidirectional overrides (which reorder what is shown).
 */
const UNSAFE_CLASS = '[\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069]';
// one without the g flag for test(): a global regex's test() keeps a lastIndex between calls
const HAS_UNSAFE = new RegExp(UNSAFE_CLASS);
const UNSAFE = new RegExp(UNSAFE_CLASS, 'g');

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

const escapeOne = (c: string): string => {
  const named = NAMED[c];
  if (named) return named;
  const code = c.charCodeAt(0);
  return code < 0x100
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
};

/**
 * Outside data as printed for a person: every control character written as an escape
 * (`\n`, `\x1b`, `\u202e`), so one value stays on its line and cannot forge or hide another.
 * Tables apply it to every string cell; one-line logs apply it to each outside value.
 * `--json` output never goes through it: JSON escapes these characters itself.
 */
export function shown(text: string | number | undefined | null): string {
  if (text === undefined || text === null) return '';
  const s = String(text);
  return HAS_UNSAFE.test(s) ? s.replace(UNSAFE, escapeOne) : s;
}

import { UsageError } from '../core/errors.js';
import { msg } from '../core/message.js';
import { english } from '../output/messages/errors.js';
import { isWireId } from './validate.js';

/**
 * Refuse, before anything is sent, an identifier the wire cannot carry (the catalogue's `id`
 * kind: printable ASCII without `&`, `=`, `%`, `+` or whitespace): the platform's answer echoes
 * it raw, so it could never verify and the order could never be queried or settled. Exit 2,
 * naming the flag it came from.
 */
export function checkWireIds(values: readonly (readonly [flag: string, value: unknown])[]): void {
  for (const [flag, value] of values) {
    if (value === undefined || value === null || value === '') continue;
    const v = String(value);
    if (isWireId(v)) continue;
    const bad = [...v].find((ch) => !isWireId(ch)) ?? '?';
    const said = msg('wire-unsafe', { flag, value: JSON.stringify(v), bad: JSON.stringify(bad) });
    throw new UsageError(english(said), { code: 'WIRE_UNSAFE', said, details: { flag } });
  }
}

import { UsageError } from '../core/errors.js';
import { isWireId } from './validate.js';

/**
 * Refuse, before anything is sent, an identifier the wire cannot carry (the catalogue's `id`
 * kind: printable ASCII without `&`, `=`, `%`, `+` or whitespace): the platform's answer echoes
 * it raw, so it could never verify and the order could never be queried or settled. Exit 2,
 * naming the flag it came from.
 */
export function checkWireIds(
  zh: boolean,
  values: readonly (readonly [flag: string, value: unknown])[],
): void {
  for (const [flag, value] of values) {
    if (value === undefined || value === null || value === '') continue;
    const v = String(value);
    if (isWireId(v)) continue;
    const bad = [...v].find((ch) => !isWireId(ch)) ?? '?';
    const shown = JSON.stringify(bad);
    throw new UsageError(
      zh
        ? `${flag}：${JSON.stringify(v)} 含有报文无法传递的字符 ${shown}（只允许可打印 ASCII，不含 & = % + 与空白）；未发送`
        : `${flag}: ${JSON.stringify(v)} holds ${shown}, which the wire cannot carry (printable ASCII only, no & = % + or whitespace); nothing sent`,
      { code: 'WIRE_UNSAFE', details: { flag } },
    );
  }
}

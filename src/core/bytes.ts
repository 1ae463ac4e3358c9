/**
 * Field length as the specification counts it (2.5.2): in bytes, a Chinese
 * (any non-ASCII) character counting 2, ASCII counting 1.
 */
export function specByteLength(value: string): number {
  let n = 0;
  for (const ch of value) n += (ch.codePointAt(0) ?? 0) < 0x80 ? 1 : 2;
  return n;
}

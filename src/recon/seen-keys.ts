/**
 * A set of strings kept as 64-bit hashes in typed arrays (12 bytes a key, instead of the
 * ~90 of a Map entry and its string): the duplicate check over a million imp_tradeno values.
 * Two different keys share a 64-bit hash with a probability of about 3 in 100 million per
 * million-line file; the cost of that would be a duplicate reported wrongly, never one missed.
 */
export class SeenKeys {
  private capacity = 1 << 16;
  private hi = new Uint32Array(this.capacity);
  private lo = new Uint32Array(this.capacity);
  /** Line of the first key with this hash; 0 = empty slot. */
  private lines = new Uint32Array(this.capacity);
  private size = 0;

  /** Remember `key` seen on `line` (≥ 1); returns the line it was first seen on, if it was. */
  check(key: string, line: number): number | undefined {
    let h1 = 0xdeadbeef;
    let h2 = 0x41c6ce57;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return this.probe(h1 >>> 0, h2 >>> 0, line);
  }

  private probe(a: number, b: number, line: number): number | undefined {
    const mask = this.capacity - 1;
    let i = (a ^ b) & mask;
    for (;;) {
      const at = this.lines[i]!;
      if (at === 0) break;
      if (this.hi[i] === a && this.lo[i] === b) return at;
      i = (i + 1) & mask;
    }
    this.hi[i] = a;
    this.lo[i] = b;
    this.lines[i] = line;
    if (++this.size * 2 > this.capacity) this.grow();
    return undefined;
  }

  private grow(): void {
    const { hi, lo, lines } = this;
    this.capacity *= 2;
    this.hi = new Uint32Array(this.capacity);
    this.lo = new Uint32Array(this.capacity);
    this.lines = new Uint32Array(this.capacity);
    this.size = 0;
    for (let i = 0; i < lines.length; i++) if (lines[i] !== 0) this.probe(hi[i]!, lo[i]!, lines[i]!);
  }
}

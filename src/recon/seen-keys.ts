/**
 * A set of strings kept as 64-bit hashes in typed arrays (12 bytes a key, instead of the
 * ~90 of a Map entry and its string): the duplicate check over a million imp_tradeno values.
 * Two different keys share a 64-bit hash with a probability of about 3 in 100 million per
 * million-line file; the cost of that would be a duplicate reported wrongly, never one missed.
 */
export class SeenKeys {
  private capacity = 1 << 16;
  /** Per cell: the hash's two halves and the line of its first key (0 = empty cell). */
  private cells = new Uint32Array(this.capacity * 3);
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
    const cells = this.cells;
    let i = (a ^ b) & mask;
    for (;;) {
      const at = cells[i * 3 + 2]!;
      if (at === 0) break;
      if (cells[i * 3] === a && cells[i * 3 + 1] === b) return at;
      i = (i + 1) & mask;
    }
    cells[i * 3] = a;
    cells[i * 3 + 1] = b;
    cells[i * 3 + 2] = line;
    // fuller than a half (at most three quarters): 5 million keys fit 8 million cells, not 16
    if (++this.size * 4 > this.capacity * 3) this.grow();
    return undefined;
  }

  private grow(): void {
    const old = this.cells;
    this.capacity *= 2;
    this.cells = new Uint32Array(this.capacity * 3);
    this.size = 0;
    for (let i = 0; i < old.length; i += 3)
      if (old[i + 2] !== 0) this.probe(old[i]!, old[i + 1]!, old[i + 2]!);
  }
}

import { describe, expect, it } from 'vitest';
import { csvCell } from '../../../src/output/csv.js';

describe('csvCell', () => {
  it('quotes what would split a row and guards formulas, numbers aside', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"\n')).toBe('"say ""hi""\n"');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(12)).toBe('12');
    expect(csvCell('-1.00')).toBe('-1.00');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('-cmd')).toBe("'-cmd");
    expect(csvCell('@x', { formulaGuard: false })).toBe('@x');
  });
});

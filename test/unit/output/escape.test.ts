import { describe, expect, it } from 'vitest';
import { shown } from '../../../src/output/escape.js';
import { t } from '../../../src/output/i18n.js';
import { Output } from '../../../src/output/output.js';
import { Tone, toned } from '../../../src/output/style.js';
import { renderPairs, renderTable, styled } from '../../../src/output/table.js';

// Issue 12: data from outside is printed with its control characters escaped.
describe('shown', () => {
  it('escapes newlines, terminal escapes, C1 controls, line separators and bidi overrides', () => {
    expect(shown('N1\n\x1b[32m✔ fake')).toBe('N1\\n\\x1b[32m✔ fake');
    expect(shown('a\r\tb\x00\x7f\x9b')).toBe('a\\r\\tb\\x00\\x7f\\x9b');
    expect(shown('x\u2028y\u202ez')).toBe('x\\u2028y\\u202ez');
    expect(shown('中文 ok')).toBe('中文 ok');
    expect(shown(12)).toBe('12');
    expect(shown(undefined)).toBe('');
  });

  it('gives the same answer called twice (no regex state between calls)', () => {
    expect([shown('a\n'), shown('b\n')]).toEqual(['a\\n', 'b\\n']);
  });
});

describe('tables', () => {
  const out = new Output({ json: false, lang: 'en', color: false });

  it('escape string cells, keep labels and imp’s own multi-line cells', () => {
    const text = renderPairs(out, [
      [t('响应', 'response'), '00000 ok\n\x1b[2K✔ paid'],
      ['file', 'DZ\r.csv'],
    ]);
    expect(text).not.toMatch(/\x1b|\r/);
    expect(text).toContain('00000 ok\\n\\x1b[2K✔ paid');
    expect(text).toContain('DZ\\r.csv');
    const table = renderTable(out, ['a', 'b'], [[['line 1', 'line 2'], 'x\ny']]);
    expect(table).toMatch(/line 1.*\n.*line 2/);
    expect(table).toContain('x\\ny');
  });

  it("draw imp's own coloured state as colour (not as escapes), while an outside value's escapes stay escaped", () => {
    const coloured = new Output({ json: false, lang: 'en', color: true });
    const state = toned(coloured, Tone.ok, 'refunded');
    expect(state).toContain('\x1b[');
    const text = renderPairs(coloured, [
      ['state', styled(state)],
      ['respmsg', '\x1b[32m✔ forged'],
    ]);
    expect(text).toContain(state);
    expect(text).not.toContain('\\x1b[32mrefunded');
    expect(text).toContain('\\x1b[32m✔ forged');
  });
});

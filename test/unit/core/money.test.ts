import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/core/errors.js';
import { formatYuan, parseDecimalYuan, parseFen, parseYuan, yuanProblem } from '../../../src/core/money.js';

describe('parseYuan', () => {
  it.each([
    ['1.80', 180],
    ['12', 1200],
    ['0.01', 1],
    ['0.1', 10],
    ['1000000.99', 100000099],
    [' 3.5 ', 350],
  ])('%s 元 is %d 分', (text, fen) => {
    expect(parseYuan(text)).toBe(fen);
  });

  it.each([
    '-1',
    '1.234',
    '1e3',
    '',
    '  ',
    'abc',
    '0',
    '0.00',
    '01.5',
    '1.',
    '.5',
    '0x10',
    'Infinity',
    '1,000',
  ])('refuses %j with a usage error naming the flag', (text) => {
    expect(() => parseYuan(text, 'amount')).toThrow(UsageError);
    expect(() => parseYuan(text, 'amount')).toThrow(/--amount/);
  });

  it('has no floating-point drift where floats would have it', () => {
    // 0.29 * 100 = 28.999999999999996 in floating point
    expect(parseYuan('0.29')).toBe(29);
    expect(parseYuan('1.15')).toBe(115);
    expect(parseYuan('4.35')).toBe(435);
  });
});

describe('parseDecimalYuan', () => {
  it.each([
    ['-1.5', -150],
    ['12.30', 1230],
    ['0', 0],
    ['+0.07', 7],
    ['-0.01', -1],
  ])('%s → %d', (text, fen) => expect(parseDecimalYuan(text)).toBe(fen));

  it.each(['1.234', 'x', '', '--1', '1e2'])('%j is malformed', (text) =>
    expect(parseDecimalYuan(text)).toBeUndefined(),
  );
});

describe('amount readers against their grammars', () => {
  // the readers work by char codes; these are the regular expressions they replaced
  const decimal = (text: string) => {
    const m = /^([+-]?)(\d{1,15})(?:\.(\d{1,2}))?$/.exec(text.trim());
    if (!m) return undefined;
    const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
    return m[1] === '-' ? -fen : fen;
  };
  const fen = (text: string) => (/^\d{1,15}$/.test(text.trim()) ? Number(text.trim()) : undefined);
  const texts = [
    ...['', ' ', '-', '+', '.', '-.5', '1.', '.5', '0', '-0', '+0', '-0.00', '00012.3', '1.2.3', '1..2'],
    ...['999999999999999', '9999999999999999', '999999999999999.99', '-999999999999999.9', ' 12.30\t'],
    ...['1,00', '1e2', '١٢', '１２', '12 ', '\u00a012.5', '1.5\r', '--1', '+-1', '0x1f', '1_000', 'NaN'],
  ];
  // and random strings over the characters that matter
  let seed = 7;
  const next = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed >>> 8;
  };
  const chars = '0123456789.+- x';
  for (let k = 0; k < 20_000; k++) {
    let t = '';
    for (let n = next() % 20; n > 0; n--) t += chars[next() % chars.length];
    texts.push(t);
  }

  it('parseDecimalYuan reads exactly what /^([+-]?)(\\d{1,15})(?:\\.(\\d{1,2}))?$/ matched', () => {
    for (const t of texts) expect([t, parseDecimalYuan(t)]).toEqual([t, decimal(t)]);
  });

  it('parseFen reads exactly what /^\\d{1,15}$/ matched', () => {
    for (const t of texts) expect([t, parseFen(t)]).toEqual([t, fen(t)]);
  });
});

describe('parseFen / formatYuan', () => {
  it('parses integer fen only', () => {
    expect(parseFen('180')).toBe(180);
    expect(parseFen('1.80')).toBeUndefined();
    expect(parseFen('-1')).toBeUndefined();
  });

  it.each([
    [180, '1.80'],
    [-5, '-0.05'],
    [0, '0.00'],
    [100000099, '1000000.99'],
  ])('%d 分 is %s 元', (fen, text) => expect(formatYuan(fen)).toBe(text));

  it('round-trips every amount of a range exactly', () => {
    for (let fen = 1; fen < 5000; fen += 7) expect(parseYuan(formatYuan(fen))).toBe(fen);
  });

  it('refuses non-integers', () => expect(() => formatYuan(1.5)).toThrow(RangeError));
});

describe('yuanProblem (the amount prompts check)', () => {
  it("is undefined for what parseYuan accepts, else parseYuan's one-line message", () => {
    expect(yuanProblem('1.80')).toBeUndefined();
    expect(yuanProblem('1.801')).toContain("--amount: '1.801' is not an amount in 元");
    expect(yuanProblem('0')).toBe('--amount: the amount must be greater than 0');
  });
});

import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/core/errors.js';
import {
  describeFen,
  formatYuan,
  parseDecimalYuan,
  parseFen,
  parseYuan,
  yuanProblem,
} from '../../../src/core/money.js';

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

  it('describes in both languages', () => {
    expect(describeFen(180, 'zh')).toBe('1.80 元（180 分）');
    expect(describeFen(180, 'en')).toBe('1.80 yuan (180 fen)');
  });
});

describe('yuanProblem (the amount prompts check)', () => {
  it("is undefined for what parseYuan accepts, else parseYuan's one-line message", () => {
    expect(yuanProblem('1.80')).toBeUndefined();
    expect(yuanProblem('1.801')).toContain("--amount: '1.801' is not an amount in 元");
    expect(yuanProblem('0')).toBe('--amount: the amount must be greater than 0');
  });
});

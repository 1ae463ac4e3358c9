import { describe, expect, it } from 'vitest';
import { describeFen } from '../../../../src/output/messages/money.js';

describe('describeFen', () => {
  it('describes in both languages', () => {
    expect(describeFen(180, 'zh')).toBe('1.80 元（180 分）');
    expect(describeFen(180, 'en')).toBe('1.80 yuan (180 fen)');
  });
});

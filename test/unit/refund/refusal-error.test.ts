import { describe, expect, it } from 'vitest';
import type { ImpError } from '../../../src/core/errors.js';
import { cstClock } from '../../../src/core/time.js';
import { errorText, hintIn } from '../../../src/output/messages/errors.js';
import type { BookEntry } from '../../../src/refund/book.js';
import type { RefundRefusal } from '../../../src/refund/refusal.js';
import { refusalError } from '../../../src/refund/refusal-error.js';

// A refusal's error says codes (messages/refund.ts); the printer shows them in the chosen
// language. These are the words an operator saw before the words left src/refund, in both languages.

const ctx = { imp: 'imp -c c.json' };
const AT = '2026-12-03T01:00:00.000Z';
const entry = (more: Partial<BookEntry>): BookEntry => ({
  id: 'e1',
  txn: 'refund',
  at: AT,
  orderno: 'O1',
  refundno: 'RN1',
  amount: 30,
  state: 'success',
  ...more,
});

function said(r: RefundRefusal, ids: { orderno: string; refundno?: string } = { orderno: 'O1' }) {
  const err: ImpError = refusalError(ctx, 'j.jsonl', ids, r);
  const text = errorText(err.said!)!;
  // the English of the message is what the error's message holds (logs, the journal)
  expect(err.message).toBe(text.en);
  const hints = (lang: 'zh' | 'en') => (err.hintsSaid ?? err.hints).map((h) => hintIn(lang, h));
  expect(err.hints).toEqual(hints('en'));
  return { zh: text.zh, en: text.en, zhHints: hints('zh'), enHints: hints('en') };
}

describe('refusalError in words', () => {
  it('over-refund: every amount in 元 and 分', () => {
    const s = said({
      kind: 'refusal',
      code: 'OVER_REFUND',
      params: { paid: 100, already: 30, amount: 80, refundable: 70 },
    });
    expect(s.zh).toBe(
      '退款金额超过可退金额：已付 1.00 元（100 分），已退/处理中 0.30 元（30 分），本次 0.80 元（80 分），最多可退 0.70 元（70 分）',
    );
    expect(s.en).toBe(
      'refund exceeds what is left: paid 1.00 yuan (100 fen), already refunded or in progress 0.30 yuan (30 fen), this refund 0.80 yuan (80 fen), at most 0.70 yuan (70 fen)',
    );
  });

  it('a duplicate names the earlier refund and the command for another one', () => {
    const s = said({ kind: 'refusal', code: 'DUPLICATE_REFUND', params: { amount: 30, earlier: entry({}) } });
    const when = cstClock(AT);
    expect(s.zh).toBe(
      `同一订单同样金额已有一笔退款 RN1（${when} 北京时间，0.30 元（30 分），已成功）：确需再退一笔请加 --again`,
    );
    expect(s.en).toBe(
      `a refund of the same order and amount exists: RN1 (${when} CST, 0.30 yuan (30 fen), refunded); add --again if you really mean another one`,
    );
    expect(s.zhHints).toEqual([
      '重新运行同一命令只会查询这笔退款，不会重发；再退一笔：imp -c c.json refund O1 --amount 0.30 --again',
    ]);
  });

  it('the void rule, with its hint', () => {
    const s = said({
      kind: 'refusal',
      code: 'VOID_RULE',
      params: { why: 'not-today', paidOn: '20261202', today: '20261203' },
    });
    expect(s.zh).toBe('撤销（--void）只限支付当日：支付日 20261202，今天 20261203（北京时间）');
    expect(s.enHints).toEqual(['drop --void to refund instead (opertype 2)']);
    expect(s.zhHints).toEqual(['去掉 --void 即为退货（opertype 2）']);
  });

  it('an unresolved refund: the resume hint in words, the command lines as they are', () => {
    const s = said({
      kind: 'refusal',
      code: 'REFUND_UNRESOLVED',
      params: { amount: 30, unknown: entry({ state: 'unknown' }), same: false },
    });
    expect(s.zh).toBe('订单 O1 有一笔结果未知的退款（RN1，0.30 元），查明之前不能发起新的退款');
    expect(s.zhHints).toEqual([
      '查明结果（不会重发）：imp -c c.json refund --resume RN1',
      '  imp -c c.json query --refund RN1 --order O1',
      '  imp -c c.json journal resolve',
    ]);
  });

  it('not paid: the status label in the chosen language', () => {
    const s = said({
      kind: 'refusal',
      code: 'NOT_PAID',
      params: { status: '1', state: 'pending', label: { zh: '处理中', en: 'in progress' } },
    });
    expect(s.zh).toBe('无法退款：订单 O1 未支付成功（状态 1：处理中）');
    expect(s.en).toBe('cannot refund: order O1 is not paid (status 1: in progress)');
  });

  it('a damaged journal: the lines quoted, both hints', () => {
    const s = said(
      {
        kind: 'refusal',
        code: 'JOURNAL_DAMAGED',
        params: {
          lines: [
            {
              line: 7,
              reason: 'checksum',
              excerpt: '{"txn":"refund"',
              text: '{"txn":"refund"',
              digest: '00',
            },
          ],
        },
      },
      { orderno: 'O1', refundno: 'R1' },
    );
    expect(s.zh).toMatch(
      /^日志 j\.jsonl 第 7 行提到订单 O1 或退货单 R1，但无法读取（.+）：该订单的退款记录读不完整/,
    );
    expect(s.en).toMatch(/^journal j\.jsonl: line 7 mentions order O1 or refund R1 but cannot be read \(/);
    expect(s.zhHints[0]).toBe('  第 7 行: {"txn":"refund"');
    expect(s.enHints[0]).toBe('  line 7: {"txn":"refund"');
    expect(s.zhHints[1]).toContain('记录已查看后重试：imp -c c.json journal dismiss 7');
  });
});

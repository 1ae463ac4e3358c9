import { describe, expect, it } from 'vitest';
import { CATALOGUE, fieldOf } from '../../../src/catalogue/index.js';
import type { FieldDef } from '../../../src/catalogue/types.js';
import { UsageError } from '../../../src/core/errors.js';
import { errorText, hintIn } from '../../../src/output/messages/errors.js';
import { buildRequest } from '../../../src/protocol/build-request.js';
import { assertValid, validateFields } from '../../../src/protocol/validate.js';

const payFields = (over: Record<string, string> = {}) =>
  buildRequest(
    CATALOGUE.pay,
    { busino: '448422080620001' },
    {
      orderno: 'imp202601011200001234567890',
      amt_trans: '180',
      ordertitle: '12306购票',
      orderdesc: '广州至南昌高铁票',
      return_url: 'https://merchant.example/return',
      notify_url: 'https://merchant.example/notify',
      channel_type: '07',
      confflag: '9',
      ...over,
    },
  );

describe('validateFields', () => {
  it('accepts a complete pay request, and fields the table lacks', () => {
    expect(
      validateFields(payFields({ timeout_express: '30m', signMethod: '01' }), CATALOGUE.pay.request),
    ).toEqual([]);
  });

  it('counts a Chinese character as 2 bytes: 32 fit char(64), 33 do not', () => {
    const defs = [fieldOf(CATALOGUE.pay, 'ordertitle')!];
    expect(validateFields({ ordertitle: '票'.repeat(32) }, defs)).toEqual([]);
    const problems = validateFields({ ordertitle: '票'.repeat(33) }, defs);
    expect(problems.map((p) => p.code)).toEqual(['too_long']);
    expect(problems[0]!.message.en).toContain('66 bytes');
    expect(validateFields({ ordertitle: 'a'.repeat(64) }, defs)).toEqual([]);
    expect(validateFields({ ordertitle: `${'a'.repeat(63)}票` }, defs).map((p) => p.code)).toEqual([
      'too_long',
    ]);
  });

  it('reports every kind of problem at once, in table order', () => {
    const fields = payFields({
      version: '2.0',
      trdate: '20260230',
      trtime: '250000',
      ordertitle: '',
      orderdesc: '描'.repeat(65),
      amt_trans: '1.80',
      currency: '840',
      channel_type: '09',
      notify_url: 'ftp://x',
      order_valtime: '30m',
    });
    delete fields.busino;
    const got = validateFields(fields, CATALOGUE.pay.request).map((p) => [p.field, p.code]);
    expect(got).toEqual([
      ['version', 'fixed'],
      ['trdate', 'date'],
      ['trtime', 'time'],
      ['busino', 'required'],
      ['amt_trans', 'amount'],
      ['currency', 'fixed'],
      ['ordertitle', 'required'],
      ['orderdesc', 'too_long'],
      ['order_valtime', 'digits'],
      ['notify_url', 'url'],
      ['channel_type', 'enum'],
    ]);
  });

  it('checks enums with the values of the table', () => {
    const defs = CATALOGUE.refund.request.filter((f) => f.name === 'opertype');
    expect(validateFields({ opertype: '2' }, defs)).toEqual([]);
    const [p] = validateFields({ opertype: '3' }, defs);
    expect(p).toMatchObject({ field: 'opertype', code: 'enum' });
    expect(p!.message.en).toContain('allowed 1, 2');
    expect(p!.message.zh).toContain('操作类型');
  });

  it('checks fen, yuan, datetime and json kinds', () => {
    const def = (name: string, kind: FieldDef['kind']): FieldDef => ({
      name,
      specType: 'Char',
      kind,
      required: false,
      label: { zh: name, en: name },
    });
    const defs = [def('a', 'fen'), def('b', 'yuan'), def('c', 'datetime'), def('d', 'json')];
    expect(validateFields({ a: '0', b: '-12.30', c: '20260101235959', d: '{"x":1}' }, defs)).toEqual([]);
    expect(
      validateFields({ a: '-1', b: '1.234', c: '20261301000000', d: '{x' }, defs).map((p) => p.code),
    ).toEqual(['amount', 'amount', 'datetime', 'json']);
    expect(validateFields({ a: '01' }, defs).map((p) => p.code)).toEqual(['amount']);
  });

  it('leaves conditional fields and the signature alone until signed', () => {
    const fields = payFields();
    expect(fields.account).toBeUndefined();
    expect(validateFields(fields, CATALOGUE.pay.request)).toEqual([]);
    const signed = validateFields(fields, CATALOGUE.pay.request, { signed: true });
    expect(signed.map((p) => [p.field, p.code])).toEqual([
      ['sign', 'required'],
      ['sign_type', 'required'],
    ]);
    expect(
      validateFields({ ...fields, sign: 'x', sign_type: 'MD5' }, CATALOGUE.pay.request, { signed: true }).map(
        (p) => p.code,
      ),
    ).toEqual(['fixed']);
  });
});

describe('assertValid', () => {
  it('passes a valid request', () => {
    expect(() => assertValid(CATALOGUE.pay, payFields())).not.toThrow();
  });

  it('throws one usage error naming the count and the first field, every problem in hints', () => {
    const fields = payFields({ ordertitle: '票'.repeat(40), amt_trans: 'abc' });
    try {
      assertValid(CATALOGUE.pay, fields);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(UsageError);
      const err = e as UsageError;
      expect(err.code).toBe('INVALID_FIELDS');
      expect(err.exitCode).toBe(2);
      expect(err.message).toMatch(/^pay: 2 invalid fields, first: amt_trans/);
      expect(err.message).not.toContain('\n');
      expect(err.hints).toHaveLength(2);
      expect(err.hints[1]).toContain('ordertitle');
      expect((err.details.problems as unknown[]).length).toBe(2);
    }
    // the words in Chinese come from the messages layer, as the error printer shows them
    const err = (() => {
      try {
        assertValid(CATALOGUE.pay, fields);
      } catch (e) {
        return e as UsageError;
      }
    })();
    expect(errorText(err!.said!)?.zh).toMatch(/2 个字段不合规/);
    expect(hintIn('zh', err!.hintsSaid![1]!)).toContain('订单主题');
  });
});

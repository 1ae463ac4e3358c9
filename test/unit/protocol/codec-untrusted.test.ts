import { describe, expect, it } from 'vitest';
import { verifyText } from '../../../src/output/messages/verify.js';
import {
  decodeBody,
  encodeForm,
  encodeRaw,
  parseAnswer,
  parseFormBody,
  parseNotification,
  parseRaw,
} from '../../../src/protocol/codec.js';
import { explainVerify } from '../../../src/protocol/verify-explain.js';
import { NOTIFY_APIKEY, notifyKeys, signedNotification } from '../../helpers/notify.js';

// Issue 12: every k=v message imp reads is refused when it could be read two ways.
describe('k=v messages that could be read two ways', () => {
  it('refuses a repeated key, naming it, in raw, form, answer and notification bodies', () => {
    expect(() => parseRaw('orderno=VICTIM99&a=1&orderno=N1')).toThrow(/key `orderno` appears more than once/);
    expect(() => parseFormBody('orderno=A&orderno=B')).toThrow(/key `orderno` appears more than once/);
    expect(() => parseAnswer('respcode=00000&respcode=11111')).toThrow(/key `respcode`/);
    expect(() => parseNotification('status=0&status=4', 'text/plain')).toThrow(/key `status`/);
    expect(() => parseAnswer('{"orderno":"VICTIM99","x":{"orderno":1},"orderno":"N1"}')).toThrow(
      /key `orderno` appears more than once/,
    );
    expect(parseAnswer('{"a":"1","b":{"a":"\\"x"},"c":["a"]}')).toEqual({
      a: '1',
      b: '{"a":"\\"x"}',
      c: '["a"]',
    });
    // percent-encoding does not hide the repeat
    expect(() => parseFormBody('orderno=A&order%6Eo=B')).toThrow(/key `orderno`/);
  });

  it('refuses an empty key and a key that is not printable ASCII', () => {
    expect(() => parseRaw('a=1&=2')).toThrow(/an empty key/);
    expect(() => parseFormBody('a=1&=2')).toThrow(/an empty key/);
    expect(() => parseRaw('a=1&ordérno=2')).toThrow(/key `ord\\u00e9rno` is not printable ASCII/);
    expect(() => parseFormBody('a=1&order%0Ano=2')).toThrow(/key `order\\u000ano` is not printable ASCII/);
    expect(() => parseAnswer('{"":"x","a":"1"}')).toThrow(/an empty key/);
  });

  it('refuses a body that is not valid in its declared charset, and reads GBK when declared', () => {
    const badUtf8 = Buffer.concat([Buffer.from('orderno=A&memo='), Buffer.from([0xc3, 0x28])]);
    expect(() => parseNotification(badUtf8, 'text/plain')).toThrow(/not valid UTF-8/);
    expect(() => parseAnswer(badUtf8)).toThrow(/not valid UTF-8/);
    const gbk = Buffer.concat([Buffer.from('orderno=A&memo='), Buffer.from([0xc4, 0xe3, 0xba, 0xc3])]);
    expect(parseNotification(gbk, 'text/plain; charset=GBK').memo).toBe('你好');
    expect(() => parseNotification(gbk, 'text/plain; charset=UTF-8')).toThrow(/not valid UTF-8/);
    expect(() => decodeBody(Buffer.from([0x81, 0x20]), 'text/plain; charset=gbk')).toThrow(/not valid GBK/);
    expect(() => decodeBody(Buffer.from('a=1'), 'text/plain; charset=ebcdic')).toThrow(
      /charset "ebcdic" is not supported/,
    );
    expect(() => decodeBody(Buffer.from([0x61, 0xe9]), 'text/plain; charset=us-ascii')).toThrow(/US-ASCII/);
  });

  it('keeps what was fine: a bare & inside a value, empty values', () => {
    expect(parseRaw('url=http://x/?a&b=&c=1')).toEqual({ url: 'http://x/?a', b: '', c: '1' });
  });
});

describe('verification of a genuine message with a key repeated in front', () => {
  it('does not verify: a reader of the first value would see another order', async () => {
    const k = await notifyKeys();
    const genuine = signedNotification(k, 'N-REAL', { amount: 180 });
    for (const body of [encodeRaw(genuine), encodeForm(genuine)]) {
      const attacked = `orderno=VICTIM99&amt_trans=9999900&${body}`;
      const r = explainVerify({
        raw: Buffer.from(attacked),
        apikey: NOTIFY_APIKEY,
        rule: 'response',
        keys: k.keys,
      });
      expect(r.valid).toBe(false);
      expect(r.ambiguous).toBe(true);
      expect(r.diagnosis.map((d) => verifyText(d).en).join()).toMatch(
        /key `(orderno|amt_trans)` appears more than once/,
      );
      // the genuine body alone still verifies
      expect(
        explainVerify({ raw: Buffer.from(body), apikey: NOTIFY_APIKEY, rule: 'response', keys: k.keys })
          .valid,
      ).toBe(true);
    }
  });
});

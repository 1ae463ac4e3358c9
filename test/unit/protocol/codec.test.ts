import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/core/errors.js';
import {
  encodeForm,
  encodeRaw,
  looksFormEncoded,
  parseAnswer,
  parseNotification,
  splitTopLevel,
} from '../../../src/protocol/codec.js';

describe('parseAnswer', () => {
  it('keeps {…} and […] groups whole, = inside values, and empty values', () => {
    const raw =
      'respcode=00000&coupon={"a":"1&2","b":{"c":"d=e"}}&list=[{"x":"1"},{"y":"2&3"}]&account=&sign=ab+/cd==&sign_type=RSA';
    expect(parseAnswer(raw)).toEqual({
      respcode: '00000',
      coupon: '{"a":"1&2","b":{"c":"d=e"}}',
      list: '[{"x":"1"},{"y":"2&3"}]',
      account: '',
      sign: 'ab+/cd==',
      sign_type: 'RSA',
    });
  });

  it('does not URL-decode, keeps Chinese and tolerates BOM and trailing newline', () => {
    const raw = '\uFEFFrespmsg=交易成功&url=https://q.example/a%20b?x=1+2\r\n';
    expect(parseAnswer(Buffer.from(raw, 'utf8'))).toEqual({
      respmsg: '交易成功',
      url: 'https://q.example/a%20b?x=1+2',
    });
  });

  it('glues a bare & segment back onto the previous value', () => {
    expect(parseAnswer('a=1&qr=https://x/?p=1&q&b=2')).toEqual({ a: '1', qr: 'https://x/?p=1&q', b: '2' });
  });

  it('unwraps a whole-body {…} wrapper and reads JSON bodies', () => {
    expect(parseAnswer('{respcode=00000&respmsg=成功&detail={"k":"v"}}\n')).toEqual({
      respcode: '00000',
      respmsg: '成功',
      detail: '{"k":"v"}',
    });
    expect(parseAnswer('{"respcode":"00000","amt_trans":180,"extra":{"a":[1]},"none":null}')).toEqual({
      respcode: '00000',
      amt_trans: '180',
      extra: '{"a":[1]}',
      none: '',
    });
  });

  it('refuses empty and pair-less bodies with a usage error', () => {
    expect(() => parseAnswer('  \n')).toThrow(UsageError);
    expect(() => parseAnswer('<html>502 Bad Gateway</html>')).toThrow(/unreadable message/);
    expect(() => parseAnswer('[1,2]')).toThrow(UsageError);
  });

  it('splits only at top level', () => {
    expect(splitTopLevel('a={&}&b=[&]&c')).toEqual(['a={&}', 'b=[&]', 'c']);
  });
});

describe('encodeForm / parseNotification', () => {
  const fields = {
    orderdesc: '广州 至南昌',
    url: 'http://a/b?c=d&e',
    sign: 'a+b/c==',
    empty: '',
    star: "*-._~!'()",
  };

  it('round-trips a URL-encoded body, by content type and by sniffing', () => {
    const body = encodeForm(fields);
    expect(body).toContain('sign=a%2Bb%2Fc%3D%3D');
    expect(body).toContain('orderdesc=%E5%B9%BF%E5%B7%9E+%E8%87%B3');
    expect(parseNotification(body, 'application/x-www-form-urlencoded; charset=UTF-8')).toEqual(fields);
    expect(parseNotification(body)).toEqual(fields);
  });

  it('reads a raw k=v notification as is, even when labelled as a form', () => {
    const raw = encodeRaw({ respmsg: '成功', sign: 'a+b/c==', account: '' });
    expect(looksFormEncoded(raw, 'application/x-www-form-urlencoded')).toBe(false);
    expect(parseNotification(raw, 'application/x-www-form-urlencoded')).toEqual({
      respmsg: '成功',
      sign: 'a+b/c==',
      account: '',
    });
    expect(parseNotification('{"orderno":"1"}', 'application/json')).toEqual({ orderno: '1' });
  });

  it('refuses broken escapes and empty bodies', () => {
    expect(() => parseNotification('a=%E5%B9&b=1', 'application/x-www-form-urlencoded')).toThrow(
      /bad %-escape/,
    );
    expect(() => parseNotification('')).toThrow(UsageError);
    // a multi-line garbage body (a file given by mistake) still gives a one-line message
    expect(() => parseAnswer('root:x:0:0\ndaemon:x:1')).toThrow(
      /^unreadable message: "root:x:0:0\\ndaemon:x:1" is not/,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { specByteLength } from '../../../src/core/bytes.js';
import { mask, maskIn } from '../../../src/core/mask.js';
import { cstParts, isHms, isYmd, previousDay } from '../../../src/core/time.js';
import { detectLang } from '../../../src/output/i18n.js';

describe('specByteLength', () => {
  it('counts a Chinese character as 2 bytes and ASCII as 1', () => {
    expect(specByteLength('abc')).toBe(3);
    expect(specByteLength('广州至南昌')).toBe(10);
    expect(specByteLength('12306购票')).toBe(9);
    expect(specByteLength('中'.repeat(32))).toBe(64);
  });
});

describe('mask', () => {
  it('keeps the first 2 and last 2 characters of an apikey or key', () => {
    expect(mask('IMPTESTAPIKEY0123456789ABCDEFGHJ')).toBe('IM…HJ');
    expect(mask('short')).toBe('****');
    expect(mask('')).toBe('');
  });

  it('masks every occurrence in a text', () => {
    const key = 'IMPTESTAPIKEY0123456789ABCDEFGHJ';
    const out = maskIn(`a=1&${key} and again ${key}`, [key]);
    expect(out).not.toContain(key);
    expect(out).toBe('a=1&IM…HJ and again IM…HJ');
  });
});

describe('time in Asia/Shanghai', () => {
  it('uses UTC+8 whatever the machine zone', () => {
    expect(cstParts(new Date('2026-11-24T16:30:05Z'))).toEqual({ date: '20261125', time: '003005' });
    expect(cstParts(new Date('2026-11-25T15:59:59Z'))).toEqual({ date: '20261125', time: '235959' });
  });

  it('steps back over month and leap-year ends', () => {
    expect(previousDay('20260301')).toBe('20260228');
    expect(previousDay('20240301')).toBe('20240229');
    expect(previousDay('20260101')).toBe('20251231');
  });

  it('validates dates and times', () => {
    expect(isYmd('20240229')).toBe(true);
    expect(isYmd('20230229')).toBe(false);
    expect(isYmd('2024022')).toBe(false);
    expect(isHms('235959')).toBe(true);
    expect(isHms('240000')).toBe(false);
  });
});

describe('detectLang', () => {
  it('prefers the explicit choice, then LANG', () => {
    expect(detectLang('en', { LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(detectLang(undefined, { LANG: 'zh_CN.UTF-8' })).toBe('zh');
    expect(detectLang(undefined, { LANG: 'en_US.UTF-8' })).toBe('en');
    expect(detectLang(undefined, {})).toBe('en');
  });
});

describe('isLoopback', () => {
  it('knows this machine by name, IPv4 and IPv6, and nothing else', async () => {
    const { isLoopback, isLoopbackUrl } = await import('../../../src/core/loopback.js');
    for (const h of ['localhost', 'LOCALHOST', 'imp.localhost', '127.0.0.1', '127.8.9.10', '::1', '[::1]'])
      expect(isLoopback(h), h).toBe(true);
    for (const h of [
      '127.0.0.1.evil.example',
      '10.0.0.1',
      '192.168.1.1',
      'example.com',
      '0.0.0.0',
      'localhost.example',
    ])
      expect(isLoopback(h), h).toBe(false);
    expect(isLoopbackUrl('http://127.0.0.1:8450/pos/')).toBe(true);
    expect(isLoopbackUrl('not a url')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import {
  canonicalString,
  requestCanonical,
  responseCanonical,
  responseUsesApikey,
} from '../../../src/protocol/canonical.js';

describe('canonical strings', () => {
  it('sorts by UTF-16 code unit, not by locale (uppercase before _ before lowercase)', () => {
    const keys = ['qrcode_type', 'qrcodeUrl', 'b', 'B', 'a_b', 'aB', 'ab'];
    expect(canonicalString(Object.fromEntries(keys.map((k) => [k, '1'])), { keepEmpty: true })).toBe(
      'B=1&aB=1&a_b=1&ab=1&b=1&qrcodeUrl=1&qrcode_type=1',
    );
    expect(canonicalString({ qrcode_type: '', qrcodeUrl: 'u' }, { keepEmpty: true })).toBe(
      'qrcodeUrl=u&qrcode_type=',
    );
  });

  it('request rule: drops empty values and sign/sign_type, appends the apikey, no encoding', () => {
    const f = { z: '1', a: 'x=y&z', empty: '', sign: 'S', sign_type: 'RSA', cn: '中 文+' };
    expect(requestCanonical(f, 'KEY')).toBe('a=x=y&z&cn=中 文+&z=1&KEY');
  });

  it('response rule: keeps empty values, apikey only when respcode is 00000', () => {
    const ok = { respcode: '00000', account: '', sign: 'S' };
    const err = { respcode: '10009', account: '' };
    expect(responseUsesApikey(ok)).toBe(true);
    expect(responseCanonical(ok, 'KEY')).toBe('account=&respcode=00000&KEY');
    expect(responseCanonical(err, 'KEY')).toBe('account=&respcode=10009');
    expect(responseCanonical({ account: '' }, 'KEY')).toBe('account=');
  });
});

import { describe, expect, it } from 'vitest';
import { maskedProfile } from '../../../src/config/masked.js';
import type { ResolvedProfile } from '../../../src/config/types.js';
import { maskIn, maskPassword } from '../../../src/core/mask.js';

// Issue 12: `config show` showed 8 of 16 characters of SFTP, zip and PKCS#12 passwords (`Secr…Word`).
describe('maskedProfile', () => {
  const password = 'SecretPassWord16';
  const profile = {
    apikey: 'IMPTESTAPIKEY0123456789ABCDEFGHJ',
    merchantKey: { path: 'k.p12', password },
    sftp: { host: 'h', username: 'u', password, privateKeyPassphrase: password, zipPassword: password },
  } as unknown as Partial<ResolvedProfile>;

  it('shows no character of a password, only its length', () => {
    const m = maskedProfile(profile) as {
      merchantKey: { password: string };
      sftp: Record<string, string>;
    };
    for (const shown of [
      m.merchantKey.password,
      m.sftp.password,
      m.sftp.privateKeyPassphrase,
      m.sftp.zipPassword,
    ]) {
      expect(shown).toBe('•••• (16 chars)');
    }
    expect(JSON.stringify(m)).not.toMatch(/Se|d16/);
  });

  it('keeps the first and last 2 characters of the apikey', () => {
    expect((maskedProfile(profile) as { apikey: string }).apikey).toBe('IM…HJ');
  });

  it('counts characters, not bytes', () => {
    expect(maskPassword('密码密码')).toBe('•••• (4 chars)');
    expect(maskPassword('')).toBe('');
  });

  it('masks a password that reached a log line without showing any of it', () => {
    const line = `sftp://u:${password}@h/ apikey=IMPTESTAPIKEY0123456789ABCDEFGHJ`;
    expect(maskIn(line, ['IMPTESTAPIKEY0123456789ABCDEFGHJ'], [password])).toBe(
      'sftp://u:•••• (16 chars)@h/ apikey=IM…HJ',
    );
  });
});

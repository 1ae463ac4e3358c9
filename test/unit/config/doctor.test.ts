import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Check, runDoctor } from '../../../src/config/doctor.js';
import { isLoopback } from '../../../src/core/loopback.js';
import { doctorText } from '../../../src/output/messages/doctor.js';
import { VECTOR_KEYS } from '../../helpers/vectors.js';

const en = (c: Check | undefined) => (c ? doctorText(c.message).en : undefined);

const VECTORS = VECTOR_KEYS;
let dir: string;
const env = {
  IMP_APIKEY: 'apikey-for-doctor-0123456789',
  IMP_KEY_PASSWORD: 'imp-test',
  HOME: '/nonexistent',
};

function write(profile: Record<string, unknown>): void {
  const base = {
    baseUrl: 'https://wxtest.jx-bank.com/pos/',
    busino: '448422080620001',
    apikey: 'env:IMP_APIKEY',
    merchantKey: { path: 'keys/merchant.p12', password: 'env:IMP_KEY_PASSWORD' },
    merchantCert: 'keys/merchant-cert.pem',
    platformKeys: [{ certid: 'CERT1234567890123456789', path: 'keys/platform-cert.pem' }],
  };
  writeFileSync(join(dir, 'imp.config.json'), JSON.stringify({ profiles: { t: { ...base, ...profile } } }));
}

const doctor = (now?: Date) => runDoctor({ env, cwd: dir }, now);
const named = (checks: Check[], name: string) => checks.filter((c) => c.name === name);
const levels = (checks: Check[]) => Object.fromEntries(checks.map((c) => [c.name, c.level]));

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'imp-doctor-'));
  mkdirSync(join(dir, 'keys'));
  for (const f of readdirSync(VECTORS)) {
    copyFileSync(join(VECTORS, f), join(dir, 'keys', f));
    chmodSync(join(dir, 'keys', f), 0o600);
  }
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('config doctor', () => {
  it('passes every check on a good profile with the vector keys', async () => {
    write({
      sftp: {
        host: 'h',
        username: 'u',
        password: 'env:IMP_KEY_PASSWORD',
        hostKey: `SHA256:${'A'.repeat(43)}`,
      },
    });
    const { checks } = await doctor();
    expect(checks.filter((c) => c.level !== 'ok')).toEqual([]);
    expect(levels(checks)).toMatchObject({
      config: 'ok',
      apikey: 'ok',
      merchantKey: 'ok',
      'merchantKey.permissions': 'ok',
      merchantCert: 'ok',
      'merchantCert.validity': 'ok',
      'platformKey CERT1234567890123456789': 'ok',
      baseUrl: 'ok',
      sftp: 'ok',
      'sftp.hostKey': 'ok',
    });
    // the apikey is shown masked only
    expect(JSON.stringify(checks)).not.toContain(env.IMP_APIKEY);
  });

  it('warns with the chmod command when the private key is readable by others', async () => {
    write({});
    chmodSync(join(dir, 'keys/merchant.p12'), 0o644);
    const [perm] = named((await doctor()).checks, 'merchantKey.permissions');
    expect(perm?.level).toBe('warn');
    expect(en(perm)).toContain(`chmod 600 ${join(dir, 'keys/merchant.p12')}`);
  });

  it('fails when the certificate belongs to another key', async () => {
    write({ merchantCert: 'keys/platform-cert.pem' });
    const [match] = named((await doctor()).checks, 'merchantCert');
    expect(match?.level).toBe('error');
    expect(en(match)).toContain('does not match');
  });

  it('checks certificate dates: expiring soon warns, expired fails', async () => {
    write({});
    // the vector certificates end on 2126-11-01
    const soon = await doctor(new Date('2126-10-20T00:00:00Z'));
    expect(named(soon.checks, 'merchantCert.validity')[0]?.level).toBe('warn');
    expect(en(named(soon.checks, 'merchantCert.validity')[0])).toMatch(
      /expires on 2126-11-01 \(in 1[12] days\)/,
    );
    const late = await doctor(new Date('2127-01-01T00:00:00Z'));
    expect(named(late.checks, 'merchantCert.validity')[0]).toMatchObject({ level: 'error' });
    expect(named(late.checks, 'platformKey CERT1234567890123456789.validity')[0]?.level).toBe('error');
  });

  it('reads the certificate inside a PKCS#12 when no merchantCert is given', async () => {
    write({ merchantCert: undefined });
    const { checks } = await doctor();
    expect(named(checks, 'merchantCert')[0]?.level).toBe('ok');
  });

  it('reports a wrong key password, a private key given as platform key, and a bad encryption key', async () => {
    write({
      platformKeys: [{ certid: 'A', path: 'keys/platform-private.pem' }],
      encryptionKey: 'keys/merchant-private.pem',
    });
    const { checks } = await runDoctor({ env: { ...env, IMP_KEY_PASSWORD: 'wrong' }, cwd: dir });
    expect(named(checks, 'merchantKey')[0]?.level).toBe('error');
    expect(named(checks, 'platformKey A')[0]?.level).toBe('error');
    expect(named(checks, 'encryptionKey')[0]?.level).toBe('error');
  });

  it('requires https for non-loopback hosts only', async () => {
    write({ baseUrl: 'http://bank.example/pos/' });
    expect(named((await doctor()).checks, 'baseUrl')[0]?.level).toBe('error');
    write({ baseUrl: 'http://127.0.0.1:8450/pos/' });
    expect(named((await doctor()).checks, 'baseUrl')[0]?.level).toBe('ok');
    expect(isLoopback('[::1]')).toBe(true);
    expect(isLoopback('localhost')).toBe(true);
    expect(isLoopback('128.0.0.1')).toBe(false);
  });

  it('flags incomplete sftp settings and an unpinned host key', async () => {
    write({ sftp: { host: 'h', username: 'u' } });
    const { checks } = await doctor();
    expect(named(checks, 'sftp')[0]).toMatchObject({ level: 'error' });
    expect(en(named(checks, 'sftp')[0])).toContain('password or privateKey');
    expect(named(checks, 'sftp.hostKey')[0]?.level).toBe('warn');
  });

  it('plain FTP to another host fails (warns under allowInsecure); FTPS needs no host key pin', async () => {
    write({ sftp: { protocol: 'ftp', host: 'ftp.bank.example', username: 'u', password: 'p' } });
    let checks = (await doctor()).checks;
    expect(named(checks, 'sftp.protocol')[0]).toMatchObject({ level: 'error' });
    expect(en(named(checks, 'sftp.protocol')[0])).toContain('plain FTP to ftp.bank.example');
    write({
      sftp: { protocol: 'ftp', host: 'ftp.bank.example', username: 'u', password: 'p', allowInsecure: true },
    });
    checks = (await doctor()).checks;
    expect(named(checks, 'sftp.protocol')[0]?.level).toBe('warn');
    write({ sftp: { protocol: 'ftps', host: 'ftp.bank.example', username: 'u', password: 'p' } });
    checks = (await doctor()).checks;
    expect(named(checks, 'sftp.protocol')[0]?.level).toBe('ok');
    expect(named(checks, 'sftp.hostKey')).toEqual([]);
  });

  it('warns about an inline apikey and a group-readable secret file', async () => {
    writeFileSync(join(dir, 'pw'), 'imp-test\n', { mode: 0o644 });
    chmodSync(join(dir, 'pw'), 0o644);
    write({
      apikey: 'inline-apikey-0123456789',
      merchantKey: { path: 'keys/merchant.p12', password: 'file:pw' },
    });
    const { checks } = await doctor();
    expect(named(checks, 'apikey.inline')[0]?.level).toBe('warn');
    expect(named(checks, 'merchantKey.password.permissions')[0]?.level).toBe('warn');
  });

  it('lists config problems and still runs the checks it can', async () => {
    write({ apikey: 'env:NOT_SET_ANYWHERE', busino: undefined });
    const { checks } = await doctor();
    const config = named(checks, 'config').map((c) => en(c));
    expect(config).toContain('profiles.t.apikey: environment variable NOT_SET_ANYWHERE is not set');
    expect(config).toContain('profiles.t.busino: missing (required)');
    expect(named(checks, 'apikey')[0]?.level).toBe('error');
    expect(named(checks, 'merchantKey')[0]?.level).toBe('ok');
  });

  it('reports a missing config as one failed check', async () => {
    const { checks } = await runDoctor({ env: { HOME: dir }, cwd: dir });
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({ name: 'config', level: 'error' });
    expect(en(checks[0])).toContain('no config file found');
  });
});

import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inspectProfile, loadProfile } from '../../../src/config/load.js';
import { ConfigError } from '../../../src/core/errors.js';
import { VECTOR_KEYS } from '../../helpers/vectors.js';

const VECTORS = VECTOR_KEYS;
let dir: string;

function profile(extra: Record<string, unknown> = {}) {
  return {
    baseUrl: 'https://wxtest.jx-bank.com/pos/',
    busino: '448422080620001',
    apikey: 'env:IMP_APIKEY',
    merchantKey: { path: 'keys/merchant.p12', password: 'env:IMP_KEY_PASSWORD' },
    platformKeys: [{ certid: 'CERT1234567890123456789', path: 'keys/platform-cert.pem' }],
    ...extra,
  };
}

function writeConfig(at: string, data: unknown): string {
  mkdirSync(join(at, '..'), { recursive: true });
  writeFileSync(at, JSON.stringify(data, null, 2));
  return at;
}

const env = (more: Record<string, string> = {}) => ({
  IMP_APIKEY: 'k'.repeat(32),
  IMP_KEY_PASSWORD: 'imp-test',
  HOME: join(dir, 'home'),
  ...more,
});

async function problemsOf(promise: Promise<unknown>): Promise<ConfigError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ConfigError);
  return err as ConfigError;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'imp-config-'));
  mkdirSync(join(dir, 'keys'));
  copyFileSync(join(VECTORS, 'merchant.p12'), join(dir, 'keys/merchant.p12'));
  copyFileSync(join(VECTORS, 'platform-cert.pem'), join(dir, 'keys/platform-cert.pem'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('finding the config file', () => {
  it('takes -c over $IMP_CONFIG over ./imp.config.json over $XDG_CONFIG_HOME', async () => {
    const names = ['flag', 'envvar', 'cwd', 'xdg'];
    const paths = {
      flag: join(dir, 'a/flag.json'),
      envvar: join(dir, 'b/env.json'),
      cwd: join(dir, 'imp.config.json'),
      xdg: join(dir, 'xdg/imp/config.json'),
    };
    for (const n of names) {
      const p = paths[n as keyof typeof paths];
      mkdirSync(join(p, '..'), { recursive: true });
      copyFileSync(join(dir, 'keys/merchant.p12'), join(p, '../m.p12'));
      copyFileSync(join(dir, 'keys/platform-cert.pem'), join(p, '../p.pem'));
      writeConfig(p, { profiles: { [n]: profile({ merchantKey: 'm.p12', platformKeys: 'p.pem' }) } });
    }
    const base = { env: env({ IMP_CONFIG: paths.envvar, XDG_CONFIG_HOME: join(dir, 'xdg') }), cwd: dir };
    expect((await loadProfile({ ...base, configPath: 'a/flag.json' })).name).toBe('flag');
    expect((await loadProfile(base)).name).toBe('envvar');
    const noEnv = { ...base, env: env({ XDG_CONFIG_HOME: join(dir, 'xdg') }) };
    expect((await loadProfile(noEnv)).name).toBe('cwd');
    rmSync(paths.cwd);
    expect((await loadProfile(noEnv)).name).toBe('xdg');
    // without XDG_CONFIG_HOME: ~/.config/imp/config.json
    mkdirSync(join(dir, 'home/.config'), { recursive: true });
    const home = join(dir, 'home/.config/imp');
    mkdirSync(home);
    copyFileSync(join(dir, 'keys/merchant.p12'), join(home, 'm.p12'));
    copyFileSync(join(dir, 'keys/platform-cert.pem'), join(home, 'p.pem'));
    writeConfig(join(home, 'config.json'), {
      profiles: { home: profile({ merchantKey: 'm.p12', platformKeys: 'p.pem' }) },
    });
    expect((await loadProfile({ env: env(), cwd: dir })).name).toBe('home');
  });

  it('names every place it looked when there is no config', async () => {
    const err = await problemsOf(loadProfile({ env: env({ XDG_CONFIG_HOME: join(dir, 'x') }), cwd: dir }));
    expect(err.message).toBe('no config file found');
    const hints = err.hints.join('\n');
    expect(hints).toContain(join(dir, 'imp.config.json'));
    expect(hints).toContain(join(dir, 'x/imp/config.json'));
    expect(hints).toContain('$IMP_CONFIG');
    expect(hints).toContain('imp config init --sandbox');
    expect(err.exitCode).toBe(2);
  });

  it('does not fall through when -c or $IMP_CONFIG names a missing file', async () => {
    writeConfig(join(dir, 'imp.config.json'), { profiles: { a: profile() } });
    const a = await problemsOf(loadProfile({ env: env(), cwd: dir, configPath: 'nope.json' }));
    expect(a.message).toContain(join(dir, 'nope.json'));
    const b = await problemsOf(loadProfile({ env: env({ IMP_CONFIG: '/nonexistent/c.json' }), cwd: dir }));
    expect(b.message).toContain('/nonexistent/c.json');
  });

  it('reports invalid JSON with its line', async () => {
    writeFileSync(join(dir, 'imp.config.json'), '{\n  "profiles": {\n    "a": { "busino": 1, }\n  }\n}\n');
    const err = await problemsOf(loadProfile({ env: env(), cwd: dir }));
    expect(err.message).toMatch(/invalid JSON.*line 3/);
    writeFileSync(join(dir, 'imp.config.json'), '{ "profiles": { "a": { "apikey": s3cret-apikey-value } } }');
    const quoted = await problemsOf(loadProfile({ env: env(), cwd: dir }));
    expect(quoted.message).toMatch(/invalid JSON: Unexpected token/);
    expect(quoted.message).not.toContain('s3cret');
  });
});

describe('choosing the profile', () => {
  beforeEach(() => {
    writeConfig(join(dir, 'imp.config.json'), {
      defaultProfile: 'test',
      profiles: { test: profile(), prod: profile({ busino: '999' }) },
    });
  });

  it('takes -p over $IMP_PROFILE over defaultProfile', async () => {
    expect((await loadProfile({ env: env(), cwd: dir })).name).toBe('test');
    expect((await loadProfile({ env: env({ IMP_PROFILE: 'prod' }), cwd: dir })).busino).toBe('999');
    expect((await loadProfile({ env: env({ IMP_PROFILE: 'prod' }), cwd: dir, profile: 'test' })).name).toBe(
      'test',
    );
  });

  it('names the available profiles for an unknown one', async () => {
    const err = await problemsOf(loadProfile({ env: env(), cwd: dir, profile: 'staging' }));
    expect(err.message).toContain('"staging"');
    expect(err.message).toContain('available: test, prod');
  });

  it('uses the only profile when there is no defaultProfile', async () => {
    writeConfig(join(dir, 'imp.config.json'), { profiles: { solo: profile() } });
    expect((await loadProfile({ env: env(), cwd: dir })).name).toBe('solo');
  });

  it('asks to choose among several without a default', async () => {
    writeConfig(join(dir, 'imp.config.json'), { profiles: { a: profile(), b: profile() } });
    const err = await problemsOf(loadProfile({ env: env(), cwd: dir }));
    expect(err.message).toContain('available: a, b');
  });
});

describe('resolving values', () => {
  it('resolves env: and file: references, relative paths and defaults', async () => {
    mkdirSync(join(dir, 'secrets'));
    writeFileSync(join(dir, 'secrets/apikey'), '  secret-apikey-value-123  \n');
    writeConfig(join(dir, 'conf/imp.config.json'), {
      '//': 'comments are ignored',
      profiles: {
        t: profile({
          $comment: 'so is this',
          apikey: 'file:../secrets/apikey',
          merchantKey: { path: '../keys/merchant.p12', password: 'env:IMP_KEY_PASSWORD' },
          platformKeys: '../keys/platform-cert.pem',
          busino: 'env:BUSINO',
          baseUrl: 'http://127.0.0.1:8450/pos',
          sftp: { host: '127.0.0.1', username: 'u', password: 'env:IMP_KEY_PASSWORD' },
          overrides: { query: { trtype: 'GP00061' } },
        }),
      },
    });
    const p = await loadProfile({
      env: env({ BUSINO: '123456' }),
      cwd: dir,
      configPath: 'conf/imp.config.json',
    });
    expect(p.apikey).toBe('secret-apikey-value-123');
    expect(p.busino).toBe('123456');
    expect(p.merchantKey).toEqual({ path: join(dir, 'keys/merchant.p12'), password: 'imp-test' });
    expect(p.platformKeys).toEqual([{ path: join(dir, 'keys/platform-cert.pem') }]);
    expect(p.baseUrl).toBe('http://127.0.0.1:8450/pos/');
    expect(p.http).toEqual({ timeoutMs: 30000, connectTimeoutMs: 10000 });
    expect(p.sftp).toEqual({
      host: '127.0.0.1',
      port: 22,
      username: 'u',
      password: 'imp-test',
      remoteDir: '/',
    });
    expect(p.recon.dir).toBe(join(dir, 'conf/recon'));
    expect(p.journalDir).toBe(join(dir, 'conf/journal'));
    expect(p.overrides).toEqual({ query: { trtype: 'GP00061' } });
    expect(p.configPath).toBe(join(dir, 'conf/imp.config.json'));
  });

  it('accepts platform keys as a certid map and records where secrets came from', async () => {
    writeConfig(join(dir, 'imp.config.json'), {
      profiles: { t: profile({ platformKeys: { CERTA: 'keys/platform-cert.pem' } }) },
    });
    const found = await inspectProfile({ env: env(), cwd: dir });
    expect(found.problems).toEqual([]);
    expect(found.profile.platformKeys).toEqual([
      { certid: 'CERTA', path: join(dir, 'keys/platform-cert.pem') },
    ]);
    expect(found.refs['profiles.t.apikey']).toBe('env:IMP_APIKEY');
  });
});

describe('validation', () => {
  it('reports every problem at once with its JSON path', async () => {
    rmSync(join(dir, 'keys/merchant.p12'));
    writeConfig(join(dir, 'imp.config.json'), {
      defaultProfile: 'test',
      profles: {},
      profiles: {
        test: profile({
          baseUrl: 'not a url',
          merchantKy: 'x',
          http: { timeoutMs: 'soon' },
          sftp: { host: 'h', port: 70000, hostKey: 'abc' },
          overrides: { refnud: { trtype: 'X' }, query: { trtyp: 'Y' } },
          notifyUrl: 42,
          encryptionKey: 'keys/none.pem',
        }),
      },
    });
    const err = await problemsOf(loadProfile({ env: { HOME: dir }, cwd: dir }));
    const file = join(dir, 'imp.config.json');
    expect(err.message).toMatch(new RegExp(`^config ${file}: \\d+ problems$`));
    const expected = [
      'profles: unknown key (did you mean "profiles"?)',
      'profiles.test.baseUrl: not a URL: not a url',
      'profiles.test.apikey: environment variable IMP_APIKEY is not set',
      'profiles.test.merchantKey: file not found: keys/merchant.p12',
      'profiles.test.merchantKey.password: environment variable IMP_KEY_PASSWORD is not set',
      'profiles.test.merchantKy: unknown key (did you mean "merchantKey"?)',
      'profiles.test.encryptionKey: file not found: keys/none.pem',
      'profiles.test.notifyUrl: expected a string, got a number',
      'profiles.test.http.timeoutMs: expected a whole number from 1 to 9007199254740991, got "soon"',
      'profiles.test.sftp.port: expected a whole number from 1 to 65535, got 70000',
      'profiles.test.sftp.username: missing (required)',
      'profiles.test.sftp.hostKey: expected an OpenSSH fingerprint "SHA256:…", got "abc"',
      'profiles.test.overrides.refnud: unknown transaction "refnud" (known: pay, qrcode, scan, wechat, refund, refundquery, query, close)',
      'profiles.test.overrides.query.trtyp: unknown key (did you mean "trtype"?)',
    ];
    for (const line of expected) expect(err.hints).toContain(line);
    expect(err.hints).toHaveLength(expected.length);
    expect(err.exitCode).toBe(2);
    expect(err.details.problems).toHaveLength(expected.length);
  });

  it('gives a single problem as the message', async () => {
    writeConfig(join(dir, 'imp.config.json'), { profiles: { test: profile() } });
    const err = await problemsOf(loadProfile({ env: { IMP_KEY_PASSWORD: 'x' }, cwd: dir }));
    expect(err.message).toBe('profiles.test.apikey: environment variable IMP_APIKEY is not set');
  });

  it('requires the essentials and reports missing file: secrets', async () => {
    writeConfig(join(dir, 'imp.config.json'), { profiles: { p: { apikey: 'file:nope/apikey' } } });
    const err = await problemsOf(loadProfile({ env: {}, cwd: dir }));
    expect(err.hints).toEqual([
      'profiles.p.baseUrl: missing (required)',
      'profiles.p.busino: missing (required)',
      'profiles.p.apikey: file not found: nope/apikey',
      'profiles.p.merchantKey: missing (required)',
      'profiles.p.platformKeys: missing (required): the platform public key or certificate that verifies answers',
    ]);
  });
});

import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandInput } from '../../../../src/cli/kit/command.js';
import { createContext } from '../../../../src/cli/kit/context.js';
import { run } from '../../../../src/commands/config/init.js';
import { loadProfile } from '../../../../src/config/load.js';
import { ConfigError, UsageError } from '../../../../src/core/errors.js';
import { VECTOR_KEYS } from '../../../helpers/vectors.js';

const VECTORS = VECTOR_KEYS;
let dir: string;

function ctx(env: Record<string, string> = {}, global: { profile?: string } = {}) {
  const stream = () => Object.assign(new PassThrough(), { isTTY: false });
  return createContext(
    { json: false, input: true, yes: false, verbose: false, debug: false, lang: 'en', ...global },
    {
      env: { HOME: dir, ...env },
      cwd: dir,
      streams: { stdout: stream(), stderr: stream(), stdin: { isTTY: false } },
    },
  );
}

async function init(opts: CommandInput['opts'], env: Record<string, string> = {}) {
  const result = await run(ctx(env), { args: [], opts });
  return result?.json as Record<string, unknown>;
}

const readJson = (p: string) => JSON.parse(readFileSync(p, 'utf8'));

const flags = {
  baseUrl: 'https://wxtest.jx-bank.com/pos/',
  busino: '448422080620001',
  apikey: 'env:IMP_APIKEY',
  merchantKey: 'keys/merchant.p12',
  merchantKeyPassword: 'env:IMP_KEY_PASSWORD',
  platformKey: 'keys/platform-cert.pem',
  certid: 'CERT1234567890123456789',
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'imp-init-'));
  mkdirSync(join(dir, 'keys'));
  for (const f of ['merchant.p12', 'platform-cert.pem']) copyFileSync(join(VECTORS, f), join(dir, 'keys', f));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('config init with flags', () => {
  it('writes a config that loads, with references kept as references', async () => {
    const doc = await init({ ...flags, notifyUrl: 'https://m.example/notify' });
    expect(doc).toMatchObject({ created: true, madeDefault: true, profile: 'default' });
    const file = join(dir, 'imp.config.json');
    const data = readJson(file);
    expect(data.defaultProfile).toBe('default');
    expect(data.profiles.default.apikey).toBe('env:IMP_APIKEY');
    expect(data.profiles.default.merchantKey).toEqual({
      path: 'keys/merchant.p12',
      password: 'env:IMP_KEY_PASSWORD',
    });
    const p = await loadProfile({
      env: { IMP_APIKEY: 'a'.repeat(24), IMP_KEY_PASSWORD: 'imp-test' },
      cwd: dir,
    });
    expect(p.platformKeys).toEqual([{ certid: flags.certid, path: join(dir, 'keys/platform-cert.pem') }]);
    expect(p.notifyUrl).toBe('https://m.example/notify');
  });

  it('names every missing flag at once without a terminal', async () => {
    const err = await init({ busino: '1' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toBe(
      'missing required options: --base-url, --apikey, --merchant-key, --platform-key',
    );
    expect(existsSync(join(dir, 'imp.config.json'))).toBe(false);
  });

  it('keeps an inline secret out of the config, in a mode-600 file', async () => {
    await init({
      ...flags,
      apikey: 'inline-secret-apikey-value',
      merchantKeyPassword: 'imp-test',
      name: 'prod',
    });
    const text = readFileSync(join(dir, 'imp.config.json'), 'utf8');
    expect(text).not.toContain('inline-secret-apikey-value');
    expect(text).not.toContain('imp-test');
    expect(statSync(join(dir, 'secrets/prod.apikey')).mode & 0o777).toBe(0o600);
    const p = await loadProfile({ env: { HOME: dir }, cwd: dir });
    expect(p.apikey).toBe('inline-secret-apikey-value');
    expect(p.merchantKey.password).toBe('imp-test');
  });

  it('adds a profile to an existing file, and replaces one only with --force', async () => {
    const out = join(dir, 'conf/imp.json');
    mkdirSync(join(dir, 'conf'));
    writeFileSync(out, JSON.stringify({ defaultProfile: 'a', profiles: { a: { busino: 'keep me' } } }));
    const doc = await init({ ...flags, name: 'b', out: 'conf/imp.json' });
    expect(doc).toMatchObject({ created: false, madeDefault: false, replaced: false });
    const data = readJson(out);
    expect(data.defaultProfile).toBe('a');
    expect(data.profiles.a).toEqual({ busino: 'keep me' });
    // paths are written relative to the config file, not the current directory
    expect(data.profiles.b.platformKeys[0].path).toBe('../keys/platform-cert.pem');
    const again = await init({ ...flags, name: 'a', out: 'conf/imp.json', busino: '2' }).catch(
      (e: unknown) => e,
    );
    expect(again).toBeInstanceOf(UsageError);
    expect((again as Error).message).toContain('profile "a" already exists');
    expect(readJson(out).profiles.a).toEqual({ busino: 'keep me' });
    await init({ ...flags, name: 'a', out: 'conf/imp.json', busino: '2', force: true });
    expect(readJson(out).profiles.a.busino).toBe('2');
  });

  it('refuses a base URL that is not a URL', async () => {
    const err = await init({ ...flags, baseUrl: 'wxtest' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toContain('--base-url');
  });
});

describe('config init --sandbox', () => {
  function fakeSandbox(data: string, withSftp = true) {
    mkdirSync(join(data, 'keys'), { recursive: true });
    copyFileSync(join(VECTORS, 'merchant-private.pem'), join(data, 'keys/merchant-private.pem'));
    copyFileSync(join(VECTORS, 'platform-public.pem'), join(data, 'keys/platform-public.pem'));
    writeFileSync(join(data, 'apikey'), 'sandbox-apikey-0123456789\n');
    writeFileSync(join(data, 'sftp-password'), 'sftp-pass\n');
    writeFileSync(join(data, 'zip-password'), 'zip-pass\n');
    const info = {
      baseUrl: 'http://127.0.0.1:18450/pos/',
      busino: '812345678901234',
      certid: 'SANDBOX1234567890123456',
      apikeyFile: 'apikey',
      merchantKey: 'keys/merchant-private.pem',
      merchantPublicKey: 'keys/merchant-public.pem',
      platformKey: 'keys/platform-public.pem',
      platformPrivateKey: 'keys/platform-private.pem',
      ...(withSftp
        ? {
            sftp: {
              host: '127.0.0.1',
              port: 18451,
              username: 'imp-sandbox',
              passwordFile: 'sftp-password',
              hostKey: 'SHA256:4y5sW8zqz1wYbQm8fQk3V1r0m2cS9yQ9g7nqgV0p1aQ',
              remoteDir: '/',
              zipPasswordFile: 'zip-password',
              clientKey: 'keys/sftp-client',
            },
          }
        : {}),
    };
    writeFileSync(join(data, 'sandbox.json'), JSON.stringify(info, null, 2));
  }

  it('writes a default sandbox profile pointing into the data dir', async () => {
    fakeSandbox(join(dir, '.imp-sandbox'));
    const doc = await init({ sandbox: true });
    expect(doc).toMatchObject({ profile: 'sandbox', created: true, madeDefault: true });
    const data = readJson(join(dir, 'imp.config.json'));
    expect(data.defaultProfile).toBe('sandbox');
    const raw = data.profiles.sandbox;
    expect(raw.apikey).toBe('file:.imp-sandbox/apikey');
    expect(raw.sftp.password).toBe('file:.imp-sandbox/sftp-password');
    expect(raw.sftp.zipPassword).toBe('file:.imp-sandbox/zip-password');
    expect(JSON.stringify(raw)).not.toContain('sandbox-apikey');
    const p = await loadProfile({ env: { HOME: dir }, cwd: dir });
    expect(p).toMatchObject({
      name: 'sandbox',
      baseUrl: 'http://127.0.0.1:18450/pos/',
      busino: '812345678901234',
      apikey: 'sandbox-apikey-0123456789',
      merchantKey: { path: join(dir, '.imp-sandbox/keys/merchant-private.pem') },
      platformKeys: [
        { certid: 'SANDBOX1234567890123456', path: join(dir, '.imp-sandbox/keys/platform-public.pem') },
      ],
      sftp: {
        host: '127.0.0.1',
        port: 18451,
        username: 'imp-sandbox',
        password: 'sftp-pass',
        zipPassword: 'zip-pass',
        hostKey: 'SHA256:4y5sW8zqz1wYbQm8fQk3V1r0m2cS9yQ9g7nqgV0p1aQ',
        remoteDir: '/',
      },
      recon: { dir: join(dir, 'recon') },
    });
  });

  it('takes --sandbox-data, --sandbox-url and --out, and does not take over an existing default', async () => {
    fakeSandbox(join(dir, 'sb'), false);
    mkdirSync(join(dir, 'etc'));
    writeFileSync(join(dir, 'etc/c.json'), JSON.stringify({ defaultProfile: 'x', profiles: { x: {} } }));
    await init({
      sandbox: true,
      sandboxData: 'sb',
      sandboxUrl: 'http://127.0.0.1:9999/pos/',
      out: 'etc/c.json',
    });
    const data = readJson(join(dir, 'etc/c.json'));
    expect(data.defaultProfile).toBe('x');
    expect(data.profiles.sandbox.apikey).toBe('file:../sb/apikey');
    expect(data.profiles.sandbox.sftp).toBeUndefined();
    const p = await loadProfile({
      env: { HOME: dir },
      cwd: dir,
      configPath: 'etc/c.json',
      profile: 'sandbox',
    });
    expect(p.baseUrl).toBe('http://127.0.0.1:9999/pos/');
    expect(p.merchantKey.path).toBe(join(dir, 'sb/keys/merchant-private.pem'));
  });

  it('tells to start the sandbox when sandbox.json is missing', async () => {
    const err = await init({ sandbox: true, sandboxData: 'nowhere' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).message).toContain(join(dir, 'nowhere/sandbox.json'));
    expect((err as ConfigError).hints.join('\n')).toContain('imp sandbox');
    expect(existsSync(join(dir, 'imp.config.json'))).toBe(false);
  });
});

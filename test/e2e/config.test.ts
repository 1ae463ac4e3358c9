import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runImp } from '../helpers/cli.js';
import { VECTOR_KEYS } from '../helpers/vectors.js';

const VECTORS = VECTOR_KEYS;
const APIKEY = 'e2e-apikey-0123456789abcdef';
let dir: string;
let env: NodeJS.ProcessEnv;

const imp = (args: string[], more: NodeJS.ProcessEnv = {}) =>
  runImp(args, { cwd: dir, env: { ...env, ...more } });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'imp-e2e-config-'));
  mkdirSync(join(dir, 'keys'));
  for (const f of ['merchant.p12', 'merchant-cert.pem', 'platform-cert.pem']) {
    copyFileSync(join(VECTORS, f), join(dir, 'keys', f));
    chmodSync(join(dir, 'keys', f), 0o600);
  }
  // nothing from the developer's own environment may leak in
  env = { HOME: dir, XDG_CONFIG_HOME: join(dir, 'xdg'), IMP_CONFIG: '', IMP_PROFILE: '', IMP_APIKEY: APIKEY };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const initFlags = [
  'config',
  'init',
  '--base-url',
  'https://wxtest.jx-bank.com/pos/',
  '--busino',
  '448422080620001',
  '--apikey',
  'env:IMP_APIKEY',
  '--merchant-key',
  'keys/merchant.p12',
  '--merchant-key-password',
  'env:IMP_KEY_PASSWORD',
  '--platform-key',
  'keys/platform-cert.pem',
  '--certid',
  'CERT1234567890123456789',
];

describe('imp config (built CLI)', () => {
  it('init with flags, then show masks the secrets, then doctor passes', async () => {
    const init = await imp([...initFlags, '--name', 'test']);
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('"test"');
    expect(JSON.parse(readFileSync(join(dir, 'imp.config.json'), 'utf8')).defaultProfile).toBe('test');

    const show = await imp(['--json', 'config', 'show'], { IMP_KEY_PASSWORD: 'imp-test' });
    expect(show.code).toBe(0);
    const doc = JSON.parse(show.stdout);
    expect(doc).toMatchObject({ ok: true, profile: 'test', profileSource: 'default', configSource: 'cwd' });
    expect(doc.values.apikey).toBe('e2…ef');
    expect(doc.refs.apikey).toBe('env:IMP_APIKEY');
    expect(show.stdout).not.toContain(APIKEY);
    expect(show.stdout).not.toContain('imp-test');

    const table = await imp(['config', 'show'], { IMP_KEY_PASSWORD: 'imp-test' });
    expect(table.stdout).toContain('merchantKey.path');
    expect(table.stdout).not.toContain(APIKEY);

    const doctor = await imp(['--json', 'config', 'doctor'], { IMP_KEY_PASSWORD: 'imp-test' });
    expect(doctor.code).toBe(0);
    const checks = JSON.parse(doctor.stdout);
    expect(checks.ok).toBe(true);
    expect(checks.checks.find((c: { name: string }) => c.name === 'merchantCert')).toMatchObject({
      ok: true,
      level: 'ok',
    });
    for (const c of checks.checks) expect(Object.keys(c).sort()).toEqual(['level', 'message', 'name', 'ok']);
  });

  it('doctor prints one line per check and exits 2 when one fails', async () => {
    await imp([...initFlags]);
    const r = await imp(['config', 'doctor'], { IMP_KEY_PASSWORD: 'wrong' });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^✖ merchantKey: .*password/im);
    expect(r.stdout).toMatch(/^✔ apikey: /m);
    expect(r.stdout).not.toContain(APIKEY);
  });

  it('reports every config problem at once, exit 2, and as JSON', async () => {
    writeFileSync(
      join(dir, 'imp.config.json'),
      JSON.stringify({
        profiles: { test: { baseUrl: 'nope', merchantKey: 'keys/merchant.p13', apikey: 'env:UNSET_KEY' } },
      }),
    );
    const r = await imp(['config', 'show']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error: config ${join(dir, 'imp.config.json')}: 5 problems`);
    expect(r.stderr).toContain('profiles.test.merchantKey: file not found: keys/merchant.p13');
    expect(r.stderr).toContain('profiles.test.apikey: environment variable UNSET_KEY is not set');
    const j = await imp(['--json', 'config', 'show']);
    const doc = JSON.parse(j.stdout);
    expect(doc).toMatchObject({ ok: false, exitCode: 2, error: { code: 'CONFIG_INVALID' } });
    expect(doc.problems).toHaveLength(5);
  });

  it('follows $IMP_CONFIG and $IMP_PROFILE, and names the profiles for an unknown one', async () => {
    mkdirSync(join(dir, 'etc'));
    await imp([...initFlags, '--out', 'etc/imp.json', '--name', 'a']);
    await imp([...initFlags, '--out', 'etc/imp.json', '--name', 'b', '--busino', '999']);
    const elsewhere = mkdtempSync(join(tmpdir(), 'imp-e2e-cwd-'));
    try {
      const r = await runImp(['--json', 'config', 'show'], {
        cwd: elsewhere,
        env: { ...env, IMP_CONFIG: join(dir, 'etc/imp.json'), IMP_PROFILE: 'b', IMP_KEY_PASSWORD: 'x' },
      });
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ profile: 'b', configSource: 'env', profileSource: 'env' });
      const profiles = await runImp(['config', 'profiles'], {
        cwd: elsewhere,
        env: { ...env, IMP_CONFIG: join(dir, 'etc/imp.json') },
      });
      expect(profiles.stdout).toBe('a\nb\n');
      const unknown = await runImp(['-p', 'c', 'config', 'show'], {
        cwd: elsewhere,
        env: { ...env, IMP_CONFIG: join(dir, 'etc/imp.json') },
      });
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('available: a, b');
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('without a config says where it looked and how to make one', async () => {
    const r = await imp(['config', 'show']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error: no config file found');
    expect(r.stderr).toContain(join(dir, 'imp.config.json'));
    expect(r.stderr).toContain('imp config init --sandbox');
  });

  it('init without a terminal names every missing flag; --sandbox without a sandbox says to start one', async () => {
    const r = await imp(['config', 'init', '--busino', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--base-url, --apikey, --merchant-key, --platform-key');
    const s = await imp(['config', 'init', '--sandbox']);
    expect(s.code).toBe(2);
    expect(s.stderr).toContain('imp sandbox');
  });
});

import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectProfile } from '../../../src/config/load.js';
import {
  HTTP_KEYS,
  JOURNAL_KEYS,
  KEY_REF_KEYS,
  OVERRIDE_KEYS,
  PLATFORM_KEY_KEYS,
  PROFILE_KEYS,
  RECON_KEYS,
  SFTP_KEYS,
  SIGNATURE_KEYS,
  TOP_KEYS,
} from '../../../src/config/schema.js';
import { RECON_LIMIT_KEYS } from '../../../src/recon/limits.js';
import { VECTOR_KEYS } from '../../helpers/vectors.js';

const EXAMPLE = new URL('../../../config.example.json', import.meta.url);
const VECTORS = VECTOR_KEYS;
const dir = mkdtempSync(join(tmpdir(), 'imp-example-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function keysOf(v: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(v)) for (const item of v) keysOf(item, into);
  else if (v && typeof v === 'object') {
    for (const [k, val] of Object.entries(v)) {
      into.add(k);
      keysOf(val, into);
    }
  }
  return into;
}

describe('config.example.json', () => {
  const example = JSON.parse(readFileSync(EXAMPLE, 'utf8'));

  it('shows every key the loader knows', () => {
    const present = keysOf(example);
    const all = [
      ...TOP_KEYS,
      ...PROFILE_KEYS,
      ...KEY_REF_KEYS,
      ...PLATFORM_KEY_KEYS,
      ...HTTP_KEYS,
      ...SFTP_KEYS,
      ...RECON_KEYS,
      ...RECON_LIMIT_KEYS,
      ...OVERRIDE_KEYS,
      ...JOURNAL_KEYS,
      ...SIGNATURE_KEYS,
    ];
    expect(all.filter((k) => !present.has(k))).toEqual([]);
  });

  it('loads without a problem once its files and variables exist (comments ignored)', async () => {
    mkdirSync(join(dir, 'keys'));
    for (const [from, to] of [
      ['merchant.p12', 'merchant.p12'],
      ['merchant-cert.pem', 'merchant-cert.pem'],
      ['platform-cert.pem', 'platform-cert.pem'],
      ['platform-public.pem', 'platform-encrypt.pem'],
    ]) {
      copyFileSync(join(VECTORS, from!), join(dir, 'keys', to!));
    }
    mkdirSync(join(dir, '.imp-sandbox/keys'), { recursive: true });
    copyFileSync(join(VECTORS, 'merchant-private.pem'), join(dir, '.imp-sandbox/keys/merchant-private.pem'));
    copyFileSync(join(VECTORS, 'platform-public.pem'), join(dir, '.imp-sandbox/keys/platform-public.pem'));
    for (const f of ['apikey', 'sftp-password', 'zip-password'])
      writeFileSync(join(dir, '.imp-sandbox', f), 'x'.repeat(16));
    copyFileSync(EXAMPLE, join(dir, 'imp.config.json'));
    const env = {
      HOME: dir,
      IMP_APIKEY: 'a'.repeat(24),
      IMP_KEY_PASSWORD: 'imp-test',
      IMP_SFTP_PASSWORD: 'p',
      IMP_ZIP_PASSWORD: 'z',
    };
    for (const profile of ['test', 'sandbox']) {
      const found = await inspectProfile({ env, cwd: dir, profile });
      expect(found.problems).toEqual([]);
    }
    const test = await inspectProfile({ env, cwd: dir });
    expect(test.profile.overrides?.query).toEqual({ trtype: 'GP00061' });
    expect(test.profile.recon?.filePattern).toBe('DZ_{busino}_{date}.csv');
  });
});

import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { spawnTerm } from '../helpers/pty.js';
import { VECTOR_KEYS } from '../helpers/vectors.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'imp-wizard-'));
  mkdirSync(join(dir, 'keys'));
  for (const f of ['merchant.p12', 'platform-cert.pem'])
    copyFileSync(join(VECTOR_KEYS, f), join(dir, 'keys', f));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('on a terminal, config init asks for what the flags did not give and writes the profile', async () => {
  const { term, exited, seen, text } = await spawnTerm(['config', 'init', '--busino', '448422080620001'], {
    cwd: dir,
    env: { HOME: dir, IMP_CONFIG: '' },
    cols: 120,
    rows: 30,
  });
  await seen('profile name');
  term.write('live\r');
  await seen('platform base URL');
  term.write('\r'); // the bank's test URL by default
  await seen('apikey');
  term.write('typed-apikey-0123456789\r');
  await seen('merchant private key file');
  term.write('keys/nope.p12\r'); // refused: the file is not there
  await seen('file not found: keys/nope.p12');
  term.write('\x7f'.repeat('keys/nope.p12'.length));
  term.write('keys/merchant.p12\r');
  await seen('platform public key');
  term.write('keys/platform-cert.pem\r');
  await seen('key password'); // a PKCS#12 needs one
  term.write('env:IMP_KEY_PASSWORD\r');
  expect(await exited).toBe(0);
  const config = JSON.parse(readFileSync(join(dir, 'imp.config.json'), 'utf8'));
  expect(config.defaultProfile).toBe('live');
  expect(config.profiles.live).toMatchObject({
    baseUrl: 'https://wxtest.jx-bank.com/pos/',
    busino: '448422080620001',
    apikey: 'file:secrets/live.apikey',
    merchantKey: { path: 'keys/merchant.p12', password: 'env:IMP_KEY_PASSWORD' },
  });
  expect(text()).not.toContain('typed-apikey-0123456789');
  expect(readFileSync(join(dir, 'secrets/live.apikey'), 'utf8').trim()).toBe('typed-apikey-0123456789');
});

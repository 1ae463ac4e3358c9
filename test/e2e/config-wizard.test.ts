import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { IMP_BIN } from '../helpers/cli.js';
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
  const pty = await import('node-pty');
  const term = pty.spawn(process.execPath, [IMP_BIN, 'config', 'init', '--busino', '448422080620001'], {
    cols: 120,
    rows: 30,
    cwd: dir,
    env: { ...process.env, HOME: dir, LANG: 'en_US.UTF-8', NO_COLOR: '1', IMP_CONFIG: '' } as Record<
      string,
      string
    >,
  });
  let screen = '';
  term.onData((d) => {
    screen += d;
  });
  const seen = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`never saw '${text}' in:\n${screen}`)), 15_000);
      const check = () => {
        if (screen.includes(text)) {
          clearTimeout(timer);
          resolve();
        } else setTimeout(check, 20);
      };
      check();
    });
  const exited = new Promise<number>((r) => term.onExit((e) => r(e.exitCode)));
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
  expect(screen).not.toContain('typed-apikey-0123456789');
  expect(readFileSync(join(dir, 'secrets/live.apikey'), 'utf8').trim()).toBe('typed-apikey-0123456789');
});

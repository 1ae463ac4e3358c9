import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertSecureTransport, insecureTransport } from '../../src/core/transport.js';
import { runImp } from '../helpers/cli.js';
import { NOTIFY_APIKEY, NOTIFY_CERTID } from '../helpers/notify.js';
import { VECTOR_KEYS } from '../helpers/vectors.js';

// Issue 12: plain http to a host other than this machine is refused before anything is sent,
// unless the profile sets http.allowInsecure (which config doctor flags). 192.0.2.1 is TEST-NET-1:
// nothing answers there, so a run that did try to send fails another way (exit 3 or 7, not 2).
const REMOTE = 'http://192.0.2.1/pos/';

function config(http: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'imp-transport-'));
  const file = join(dir, 'imp.config.json');
  const profile = {
    baseUrl: REMOTE,
    busino: '448422080620001',
    apikey: NOTIFY_APIKEY,
    merchantKey: join(VECTOR_KEYS, 'merchant-private.pem'),
    platformKeys: [{ certid: NOTIFY_CERTID, path: join(VECTOR_KEYS, 'platform-cert.pem') }],
    http: { timeoutMs: 1500, connectTimeoutMs: 1000, ...http },
  };
  writeFileSync(file, JSON.stringify({ profiles: { t: profile } }));
  return file;
}

describe('transport rule', () => {
  it('https anywhere and plain http/ftp to this machine only; the rule is one function', () => {
    expect(insecureTransport('https://bank.example/pos/')).toBeUndefined();
    expect(insecureTransport('sftp://bank.example/')).toBeUndefined();
    expect(insecureTransport('http://127.0.0.1:8/pos/')).toBeUndefined();
    expect(insecureTransport('http://[::1]:8/')).toBeUndefined();
    expect(insecureTransport(REMOTE)?.overridable).toBe(true);
    expect(insecureTransport('ftp://bank.example/')?.why).toMatch(/plain ftp to bank\.example/);
    expect(insecureTransport('gopher://x/')?.overridable).toBe(false);
    expect(() => assertSecureTransport(REMOTE, 'profiles.t.baseUrl')).toThrow(
      /^profiles\.t\.baseUrl: http:\/\/192\.0\.2\.1\/pos\/: plain http to 192\.0\.2\.1/,
    );
    expect(() => assertSecureTransport(REMOTE, 'k', true)).not.toThrow();
    expect(() => assertSecureTransport('gopher://x/', 'k', true)).toThrow(/not a supported scheme/);
  });

  it('a transaction to a plain-http remote baseUrl is exit 2 naming the key, before sending', async () => {
    const r = await runImp(['-c', config(), '--json', 'query', 'N-T1']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error.message).toMatch(/^profiles\.t\.baseUrl: .*plain http to 192\.0\.2\.1/);
  });

  it('http.allowInsecure lets it through, and config doctor flags it', async () => {
    const file = config({ allowInsecure: true });
    const r = await runImp(['-c', file, '--json', 'query', 'N-T2']);
    expect(r.code).not.toBe(2);
    const doctor = await runImp(['-c', file, '--json', 'config', 'doctor']);
    const checks = JSON.parse(doctor.stdout).checks as { name: string; level: string }[];
    expect(checks).toContainEqual(expect.objectContaining({ name: 'http.allowInsecure', level: 'warn' }));
  });

  it('notify send and --forward-to follow the same rule', async () => {
    const file = config();
    const send = await runImp(['-c', file, '--json', 'notify', 'send', 'http://192.0.2.1/notify']);
    expect(send.code).toBe(2);
    expect(JSON.parse(send.stdout).error.message).toMatch(/^notify send <url>: .*plain http/);
    const listen = await runImp([
      '-c',
      file,
      '--json',
      'notify',
      'listen',
      '--port',
      '0',
      '--forward-to',
      'http://192.0.2.1/notify',
    ]);
    expect(listen.code).toBe(2);
    expect(JSON.parse(listen.stdout).error.message).toMatch(/^--forward-to: .*plain http/);
  });
});

import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runImp } from '../helpers/cli.js';
import { VECTORS_DIR } from '../helpers/vectors.js';

const VECTORS = VECTORS_DIR;
const file = JSON.parse(readFileSync(join(VECTORS, 'signatures.json'), 'utf8'));
const apikey: string = file.apikey;
type V = {
  name: string;
  kind: string;
  fields: Record<string, string>;
  sign: string;
  body: string;
  canonical: string;
};
const vectors = file.vectors as V[];
const consume = vectors.find((v) => v.name === 'consume-request')!;

let dir: string;
const env = { IMP_APIKEY: apikey, IMP_KEY_PASSWORD: 'imp-test' };
const imp = (args: string[], input?: string) =>
  runImp(['-c', join(dir, 'imp.config.json'), ...args], { env, input });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'imp-e2e-sign-'));
  mkdirSync(join(dir, 'keys'));
  for (const f of ['merchant.p12', 'platform-cert.pem', 'merchant-public.pem']) {
    copyFileSync(join(VECTORS, 'keys', f), join(dir, 'keys', f));
  }
  const profile = {
    baseUrl: 'http://127.0.0.1:9/pos/',
    busino: '448422080620001',
    apikey: 'env:IMP_APIKEY',
    merchantKey: { path: 'keys/merchant.p12', password: 'env:IMP_KEY_PASSWORD' },
    platformKeys: [{ certid: 'CERT1234567890123456789', path: 'keys/platform-cert.pem' }],
    // the merchant's own public key, so that decrypt can open what encrypt made
    encryptionKey: { path: 'keys/merchant-public.pem' },
  };
  writeFileSync(
    join(dir, 'imp.config.json'),
    JSON.stringify({ defaultProfile: 'test', profiles: { test: profile } }),
  );
});

describe('imp sign (built CLI)', () => {
  it('reproduces the vector from k=v arguments, apikey masked', async () => {
    const args = Object.entries(consume.fields).map(([k, v]) => `${k}=${v}`);
    const r = await imp(['--json', 'sign', ...args]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.sign).toBe(consume.sign);
    expect(doc.body).toBe(consume.body);
    expect(doc.canonical).toBe(consume.canonical.replace(apikey, 'IM…HJ'));
    expect(r.stdout).not.toContain(apikey);
  });

  it('reads JSON fields from stdin and explains in plain text', async () => {
    const r = await imp(['sign', '--file', '-', '--explain'], JSON.stringify({ ...consume.fields, dev: '' }));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`sign      ${consume.sign}`);
    expect(r.stdout).toMatch(/dropped empty.*: dev/);
    expect(r.stdout).not.toContain(apikey);
  });

  it('fills the header with --txn and the result verifies as a merchant request', async () => {
    const r = await imp(['--json', 'sign', '--txn', 'query', 'orderno=A1']);
    expect(r.code).toBe(0);
    const { body } = JSON.parse(r.stdout);
    expect(body).toMatch(/(^|&)trtype=GP00063&/);
    expect(body).toContain('busino=448422080620001');
    expect(body).toMatch(/serialno=imp\d+/);
    const v = await imp(['--json', 'verify', '--as', 'merchant', body]);
    expect(v.code).toBe(0);
    expect(JSON.parse(v.stdout)).toMatchObject({ valid: true, variant: 'drop-empty+apikey' });
    const bad = await imp(['sign', '--txn', 'nope', 'a=1']);
    expect([bad.code, bad.stderr.trim()]).toEqual([
      2,
      expect.stringMatching(/^error: --txn: unknown transaction 'nope': use one of pay, .*close$/),
    ]);
  });
});

describe('imp verify (built CLI)', () => {
  it('accepts every answer and notification vector (exit 0, certid)', async () => {
    for (const v of vectors.filter((x) => x.kind !== 'request')) {
      const r = await imp(['--json', 'verify', v.body]);
      expect(r.code, v.name).toBe(0);
      expect(JSON.parse(r.stdout), v.name).toMatchObject({ valid: true, certid: 'CERT1234567890123456789' });
    }
  });

  it("exits 4 and diagnoses '+' turned into spaces, from a file", async () => {
    const v = vectors.find((x) => x.kind !== 'request' && x.body.includes('+'))!;
    const f = join(dir, 'damaged.txt');
    writeFileSync(
      f,
      v.body.replace(/sign=[^&]+/, (s) => s.replace(/\+/g, ' ')),
    );
    const r = await imp(['--json', 'verify', '--file', f]);
    expect(r.code).toBe(4);
    const doc = JSON.parse(r.stdout);
    expect(doc.valid).toBe(false);
    expect(doc.diagnosis.join('\n')).toMatch(/'\+' in `sign` was turned into spaces/);
    const human = await imp(['verify', '--explain', '--file', f]);
    expect(human.code).toBe(4);
    expect(human.stdout).toContain('canonical strings tried');
    expect(human.stdout).not.toContain(apikey);
  });

  it('exits 2 on an unreadable or missing message', async () => {
    expect((await imp(['verify', '<html>oops</html>'])).code).toBe(2);
    expect((await imp(['verify'])).code).toBe(2);
    expect((await imp(['verify', '--file', join(dir, 'none.txt')])).code).toBe(2);
  });
});

describe('imp encrypt / decrypt (built CLI)', () => {
  it('round-trips a value', async () => {
    const e = await imp(['encrypt', '6217000012345678']);
    expect(e.code).toBe(0);
    const b64 = e.stdout.trim();
    expect(Buffer.from(b64, 'base64').length).toBe(256);
    const d = await imp(['--json', 'decrypt', b64]);
    expect(d.code).toBe(0);
    expect(JSON.parse(d.stdout)).toEqual({ plaintext: '6217000012345678' });
    expect((await imp(['decrypt', 'AAAA'])).code).toBe(2);
  });
});

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { requireService } from '../helpers/services.js';

// An independent oracle of the signature dialects: its own canonical string, OpenSSL's CLI for
// every RSA operation, its own parsing. It imports nothing from src/protocol, so a misreading
// shared by imp's signer and the sandbox cannot pass here unnoticed.

type Dialect = {
  signType: 'exclude' | 'include';
  answerApikey: 'success' | 'always' | 'never';
  digest: 'direct' | 'sha256-hex';
  emptyFields: 'omit' | 'keep';
  answerEmptyFields: 'keep' | 'omit';
};
type Msg = Record<string, string>;

const BASE: Dialect = {
  signType: 'exclude',
  answerApikey: 'success',
  digest: 'direct',
  emptyFields: 'omit',
  answerEmptyFields: 'keep',
};
const CASES: Partial<Dialect>[] = [
  {},
  { signType: 'include' },
  { answerApikey: 'always' },
  { answerApikey: 'never' },
  { digest: 'sha256-hex' },
  { emptyFields: 'keep' },
  { answerEmptyFields: 'omit' },
  { signType: 'include', answerApikey: 'always', digest: 'sha256-hex' },
];

/** What SHA256withRSA signs under dialect `d`, built from the spec's words alone. */
function oracleSignedText(m: Msg, side: 'request' | 'answer', d: Dialect, apikey: string): string {
  const keepEmpty = side === 'request' ? d.emptyFields === 'keep' : d.answerEmptyFields === 'keep';
  const keys = Object.keys(m)
    .filter((k) => k !== 'sign' && (k !== 'sign_type' || d.signType === 'include'))
    .filter((k) => keepEmpty || m[k] !== '')
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let s = keys.map((k) => `${k}=${m[k]}`).join('&');
  const withKey =
    side === 'request' ||
    d.answerApikey === 'always' ||
    (d.answerApikey === 'success' && m.respcode === '00000');
  if (withKey) s += `&${apikey}`;
  return d.digest === 'sha256-hex' ? createHash('sha256').update(s, 'utf8').digest('hex') : s;
}

/** The raw `k=v&k=v` answer: split on `&`, key before the first `=` (the sandbox never echoes `&`). */
function parseRawAnswer(text: string): Msg {
  const out: Msg = {};
  for (const part of text.trim().split('&')) {
    const i = part.indexOf('=');
    out[part.slice(0, i)] = part.slice(i + 1);
  }
  return out;
}

let tmp: string;
const file = (name: string, content: string | Buffer) => {
  const p = path.join(tmp, name);
  writeFileSync(p, content);
  return p;
};

function opensslVerify(openssl: string, pubPem: string, text: string, signB64: string): boolean {
  const sig = file('sig.bin', Buffer.from(signB64, 'base64'));
  try {
    execFileSync(openssl, ['dgst', '-sha256', '-verify', pubPem, '-signature', sig], {
      input: Buffer.from(text, 'utf8'),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    return true;
  } catch {
    return false;
  }
}

function opensslSign(openssl: string, privPem: string, text: string): string {
  return execFileSync(openssl, ['dgst', '-sha256', '-sign', privPem], {
    input: Buffer.from(text, 'utf8'),
  }).toString('base64');
}

const openssl = requireService('openssl', ['openssl'], { install: 'apt-get install openssl' });
let t: TestSandbox;
let apikey: string;

beforeAll(async () => {
  if (!openssl) return;
  tmp = mkdtempSync(path.join(tmpdir(), 'imp-oracle-'));
  t = await startTestSandbox({ dialect: BASE });
  apikey = readFileSync(path.join(t.dataDir, 'apikey'), 'utf8').trim();
}, 60_000);
afterAll(async () => {
  await t?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Point the test profile at dialect `d`, as a user would in imp.config.json. */
function setProfileDialect(d: Dialect): void {
  const config = JSON.parse(readFileSync(t.configPath, 'utf8'));
  config.profiles.sandbox.signature = d;
  writeFileSync(t.configPath, `${JSON.stringify(config, null, 2)}\n`);
}

describe.skipIf(!openssl)('signature dialects against an independent OpenSSL oracle', () => {
  for (const c of CASES) {
    const d: Dialect = { ...BASE, ...c };
    const name =
      Object.entries(c)
        .map(([k, v]) => `${k}=${v}`)
        .join(',') || 'default';
    it(`${name}: imp's request, the sandbox's answer, and an oracle-signed request all agree`, async () => {
      await t.restart({ dialect: d });
      setProfileDialect(d);
      const dataKey = (f: string) => path.join(t.dataDir, 'keys', f);
      // 1. imp's request, as it would be sent, verifies under the oracle's string
      const dry = await t.runCli([
        'qrcode',
        '--amount',
        '0.02',
        '--title',
        'oracle',
        '--desc',
        'oracle test',
        '--dry-run',
        '--json',
      ]);
      expect(dry.code, dry.stderr).toBe(0);
      const body: string = JSON.parse(dry.stdout).body;
      const req: Msg = Object.fromEntries(new URLSearchParams(body));
      const reqText = oracleSignedText(req, 'request', d, apikey);
      expect(opensslVerify(openssl!, dataKey('merchant-public.pem'), reqText, req.sign!)).toBe(true);
      // 2. the sandbox's answer to it verifies under the oracle's string, with the platform key
      const url = `${t.baseUrl}IMP-CPos/b2c/pay/busApplyQrcode.do`;
      const post = (form: string) =>
        fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: form,
        });
      const answer = parseRawAnswer(await (await post(body)).text());
      expect(answer.respcode).toBe('00000');
      expect(answer.account, 'an answer carrying an empty field tests answerEmptyFields').toBe('');
      const ansText = oracleSignedText(answer, 'answer', d, apikey);
      expect(opensslVerify(openssl!, dataKey('platform-public.pem'), ansText, answer.sign!)).toBe(true);
      // 3. a request signed by OpenSSL over the oracle's string is accepted by the sandbox
      const own: Msg = { ...req, orderno: `${req.orderno}X`, serialno: `${req.serialno}X` };
      delete own.sign;
      own.regname = ''; // an empty field: signed and sent only under emptyFields=keep
      if (d.emptyFields === 'omit') for (const k of Object.keys(own)) if (own[k] === '') delete own[k];
      own.sign = opensslSign(
        openssl!,
        dataKey('merchant-private.pem'),
        oracleSignedText(own, 'request', d, apikey),
      );
      const accepted = parseRawAnswer(await (await post(new URLSearchParams(own).toString())).text());
      expect(accepted.respcode, accepted.respmsg).toBe('00000');
      // …and the same request signed under another reading is refused, and that answer verifies too
      const other: Dialect = { ...d, signType: d.signType === 'include' ? 'exclude' : 'include' };
      own.orderno = `${own.orderno}Y`;
      own.sign = opensslSign(
        openssl!,
        dataKey('merchant-private.pem'),
        oracleSignedText(own, 'request', other, apikey),
      );
      const refused = parseRawAnswer(await (await post(new URLSearchParams(own).toString())).text());
      expect(refused.respcode).toBe('10002');
      expect(
        opensslVerify(
          openssl!,
          dataKey('platform-public.pem'),
          oracleSignedText(refused, 'answer', d, apikey),
          refused.sign!,
        ),
      ).toBe(true);
    }, 30_000);
  }
});

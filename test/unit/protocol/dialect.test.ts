import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPlatformKeys, loadPrivateKey } from '../../../src/keys/load.js';
import type { PublicKeyEntry } from '../../../src/keys/types.js';
import { verifyText } from '../../../src/output/messages/verify.js';
import { dialectCanonical } from '../../../src/protocol/canonical.js';
import { encodeRaw } from '../../../src/protocol/codec.js';
import {
  allDialects,
  DEFAULT_DIALECT,
  type Dialect,
  formatDialect,
  parseDialect,
} from '../../../src/protocol/dialect.js';
import { findDialect } from '../../../src/protocol/dialect-search.js';
import {
  type Fields,
  signRequest,
  signResponse,
  verifyRequest,
  verifyResponse,
} from '../../../src/protocol/signer.js';
import { explainVerify } from '../../../src/protocol/verify-explain.js';
import { VECTOR_KEYS, VECTOR_SIGNATURES } from '../../helpers/vectors.js';

const vectors = JSON.parse(readFileSync(VECTOR_SIGNATURES, 'utf8'));
const apikey: string = vectors.apikey;
const CERTID = 'CERT1234567890123456789';
let platform: PublicKeyEntry[];
let platformPriv: import('node:crypto').KeyObject;
let merchantPriv: import('node:crypto').KeyObject;
let merchantPub: PublicKeyEntry[];

beforeAll(async () => {
  platform = await loadPlatformKeys([{ certid: CERTID, path: join(VECTOR_KEYS, 'platform-cert.pem') }]);
  platformPriv = await loadPrivateKey({ path: join(VECTOR_KEYS, 'platform-private.pem') });
  merchantPriv = await loadPrivateKey({ path: join(VECTOR_KEYS, 'merchant-private.pem') });
  merchantPub = await loadPlatformKeys([{ path: join(VECTOR_KEYS, 'merchant-public.pem') }]);
});

const answer: Fields = { orderno: 'O1', account: '', respcode: '00000', respmsg: '交易成功', status: '0' };
const errorAnswer: Fields = { orderno: 'O1', account: '', respcode: '10009', respmsg: '失败' };
const request: Fields = { orderno: 'O1', busino: '1', regname: '', amt_trans: '1' };
const d = (text: string): Dialect => {
  const p = parseDialect(text);
  if ('problem' in p) throw new Error(p.problem);
  return p.dialect;
};

describe('dialect settings', () => {
  it('parses key=value lists, refuses unknown keys and values, formats back', () => {
    expect(d('signType=include,answerApikey=always')).toEqual({
      ...DEFAULT_DIALECT,
      signType: 'include',
      answerApikey: 'always',
    });
    expect(parseDialect('signtype=include')).toEqual({
      problem: expect.stringMatching(/unknown setting "signtype"/),
    });
    expect(parseDialect('digest=md5')).toEqual({ problem: 'digest=md5: expected one of direct, sha256-hex' });
    expect(formatDialect(DEFAULT_DIALECT)).toBe('default');
    expect(formatDialect(d('answerEmptyFields=omit,digest=sha256-hex'))).toBe(
      'digest=sha256-hex,answerEmptyFields=omit',
    );
    expect(allDialects()).toHaveLength(48);
    expect(allDialects()[0]).toEqual(DEFAULT_DIALECT);
  });

  it('builds each side of the canonical string as the dialect says', () => {
    const signed = { ...answer, sign: 'S', sign_type: 'RSA' };
    expect(dialectCanonical(signed, 'K', DEFAULT_DIALECT, 'answer')).toBe(
      'account=&orderno=O1&respcode=00000&respmsg=交易成功&status=0&K',
    );
    expect(dialectCanonical(signed, 'K', d('signType=include,answerEmptyFields=omit'), 'answer')).toBe(
      'orderno=O1&respcode=00000&respmsg=交易成功&sign_type=RSA&status=0&K',
    );
    expect(dialectCanonical({ ...errorAnswer }, 'K', DEFAULT_DIALECT, 'answer')).toBe(
      'account=&orderno=O1&respcode=10009&respmsg=失败',
    );
    expect(dialectCanonical({ ...errorAnswer }, 'K', d('answerApikey=always'), 'answer')).toMatch(/&K$/);
    expect(dialectCanonical({ ...answer }, 'K', d('answerApikey=never'), 'answer')).not.toMatch(/&K$/);
    expect(dialectCanonical(request, 'K', d('emptyFields=keep'), 'request')).toBe(
      'amt_trans=1&busino=1&orderno=O1&regname=&K',
    );
  });

  it('signs and verifies under every dialect; the form keeps empty fields only when they are signed', () => {
    for (const dialect of allDialects()) {
      const req = signRequest(request, apikey, merchantPriv, dialect);
      expect('regname' in req.fields, formatDialect(dialect)).toBe(dialect.emptyFields === 'keep');
      expect(verifyRequest(req.fields, apikey, merchantPub, dialect).valid).toBe(true);
      for (const a of [answer, errorAnswer]) {
        const ans = signResponse(a, apikey, platformPriv, CERTID, dialect);
        expect(ans.fields.account, 'answers always carry their empty fields').toBe('');
        expect(verifyResponse(ans.fields, apikey, platform, dialect).valid, formatDialect(dialect)).toBe(
          true,
        );
      }
    }
  });

  it('finds the dialect of an answer from the default, fewest changes first, and says what stays open', () => {
    const theirs = d('signType=include,answerApikey=always,digest=sha256-hex');
    const ok = signResponse(answer, apikey, platformPriv, CERTID, theirs).fields;
    expect(verifyResponse(ok, apikey, platform).valid).toBe(false);
    const m = findDialect(ok, apikey, platform, DEFAULT_DIALECT, 'answer');
    // on a 00000 answer "success" and "always" sign the same string: the default stays, and is undecided
    expect(m?.changes).toEqual({ signType: 'include', digest: 'sha256-hex' });
    expect(m?.undecided).toEqual(['answerApikey']);
    const err = signResponse(errorAnswer, apikey, platformPriv, CERTID, theirs).fields;
    expect(findDialect(err, apikey, platform, DEFAULT_DIALECT, 'answer')?.changes).toEqual({
      signType: 'include',
      answerApikey: 'always',
      digest: 'sha256-hex',
    });
    const omit = signResponse(answer, apikey, platformPriv, CERTID, d('answerEmptyFields=omit')).fields;
    expect(findDialect(omit, apikey, platform, DEFAULT_DIALECT, 'answer')?.changes).toEqual({
      answerEmptyFields: 'omit',
    });
    const req = signRequest(request, apikey, merchantPriv, d('signType=include')).fields;
    expect(findDialect(req, apikey, merchantPub, DEFAULT_DIALECT, 'request')?.changes).toEqual({
      signType: 'include',
    });
  });

  it('verify --explain names the setting that verifies and the config lines to set', () => {
    const theirs = d('signType=include,answerApikey=always');
    const body = encodeRaw(signResponse(errorAnswer, apikey, platformPriv, CERTID, theirs).fields);
    const r = explainVerify({ raw: body, apikey, rule: 'response', keys: platform, profileName: 'live' });
    expect(r.valid).toBe(false);
    const en = r.diagnosis.map((x) => verifyText(x).en);
    expect(en[0]).toBe('verifies with signature.signType=include, signature.answerApikey=always');
    expect(en[1]).toBe(
      'set in profiles.live: "signature": {"signType": "include", "answerApikey": "always"}',
    );
    // under the dialect it was signed in, the message is simply valid
    expect(
      explainVerify({ raw: body, apikey, rule: 'response', keys: platform, dialect: theirs }).valid,
    ).toBe(true);
  });

  it('the wrong key under a configured certid: says that key does not verify, and which one does (issue 16)', async () => {
    const keys = [
      { ...platform[0]!, certid: 'OLD' },
      { key: merchantPub[0]!.key, certid: CERTID, source: 'wrong.pem' },
    ];
    const body = encodeRaw(signResponse(answer, apikey, platformPriv, CERTID).fields);
    const r = explainVerify({ raw: body, apikey, rule: 'response', keys });
    expect(r.diagnosis.map((x) => verifyText(x).en)).toContain(
      `the configured key for certid ${CERTID} does not verify this message; the key of certid OLD does`,
    );
  });
});

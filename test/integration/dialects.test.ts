import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dialect } from '../../src/protocol/dialect.js';
import { DEFAULT_DIALECT, parseDialect } from '../../src/protocol/dialect.js';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

// One representative pass over every transaction per non-default dialect (the default dialect is
// what every other sandbox test speaks; IMP_TEST_DIALECT runs all of them under another one).
const DIALECTS = ['signType=include,answerApikey=always,digest=sha256-hex', 'answerEmptyFields=omit'];
const ARGS = ['--title', '测试商品', '--desc', 'D'];
let seq = 0;
const order = () => `d${Date.now()}${seq++}`;

function dialect(text: string): Dialect {
  const p = parseDialect(text);
  if ('problem' in p) throw new Error(p.problem);
  return p.dialect;
}

for (const text of DIALECTS) {
  describe(`every transaction under the dialect ${text}`, () => {
    let sb: TestSandbox;
    beforeAll(async () => {
      sb = await startTestSandbox({
        dialect: dialect(text),
        profile: { returnUrl: 'http://127.0.0.1:9/return' },
      });
    });
    afterAll(async () => {
      await sb?.close();
    });

    it('pay, qrcode, scan, wechat, query, refund, refund query and close all verify', async () => {
      const json = async (args: string[], code = 0) => {
        const r = await sb.runCli(['--json', ...args]);
        expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(code);
        const doc = JSON.parse(r.stdout);
        if (code === 0) expect(doc.verified ?? true).toBe(true);
        return doc;
      };
      const paid = order();
      expect(await json(['pay', '--order', paid, '--amount', '2.00', ...ARGS])).toMatchObject({
        state: 'pending',
      });
      expect(await json(['query', paid, '--wait', '20'])).toMatchObject({ state: 'success' });
      await json(['qrcode', '--order', order(), '--amount', '1.00', ...ARGS]);
      expect(
        await json([
          'scan',
          '--auth-code',
          '134567890123456789',
          '--amount',
          '1.00',
          ...ARGS,
          '--wait',
          '10',
        ]),
      ).toMatchObject({ state: 'success' });
      const w = await json([
        'wechat',
        '--amount',
        '1.00',
        ...ARGS,
        '--appid',
        'wx1234567890',
        '--openid',
        'oU1',
      ]);
      expect(w.jsapi.package).toMatch(/^prepay_id=/);
      const refundno = `R${paid}`.slice(0, 30);
      await json(['refund', paid, '--amount', '0.50', '--refund-no', refundno, '--yes']);
      expect(await json(['query', '--refund', refundno, '--order', paid, '--wait', '10'])).toMatchObject({
        state: 'success',
        txn: 'refundquery',
      });
      const open = order();
      await json(['pay', '--order', open, '--amount', '1.02', ...ARGS]);
      expect(await json(['close', open])).toMatchObject({ state: 'success' });
    }, 90_000);
  });
}

describe('a profile whose dialect differs from the platform', () => {
  let sb: TestSandbox;
  beforeAll(async () => {
    sb = await startTestSandbox({ dialect: dialect('signType=include,answerApikey=always') });
  });
  afterAll(async () => {
    await sb?.close();
  });

  it('ends in exit 4 naming the setting, and verify --explain prints the lines to set', async () => {
    const config = JSON.parse(readFileSync(sb.configPath, 'utf8'));
    expect(config.profiles.sandbox.signature).toEqual({ signType: 'include', answerApikey: 'always' });
    // the profile still on the default reading
    config.profiles.sandbox.signature = { ...DEFAULT_DIALECT };
    writeFileSync(sb.configPath, JSON.stringify(config, null, 2));
    const r = await sb.runCli(['query', order(), '--verbose']);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('verifies with signature.signType=include, signature.answerApikey=always');
    // the platform's answer to the request as imp signs it (refused: the signature reading differs)
    const dry = JSON.parse((await sb.runCli(['--json', 'query', order(), '--dry-run'])).stdout);
    const res = await fetch(dry.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: dry.body,
    });
    const answer = await res.text();
    expect(answer).toContain('respcode=10002');
    const v = await sb.runCli(['verify', '--explain', answer]);
    expect(v.code).toBe(4);
    expect(v.stdout).toContain('verifies with signature.signType=include, signature.answerApikey=always');
    expect(v.stdout).toContain(
      'set in profiles.sandbox: "signature": {"signType": "include", "answerApikey": "always"}',
    );
  });
});

describe('the sandbox keeps its dialect; the profile block is checked', () => {
  it('a later start without --dialect keeps it, "default" resets it; a bad setting is one clear line', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { startSandbox } = await import('../../src/sandbox/index.js');
    const dir = mkdtempSync(join(tmpdir(), 'imp-dialect-'));
    try {
      const opts = { dataDir: dir, sftpPort: false as const, publishRecon: false };
      let sb = await startSandbox({ ...opts, dialect: dialect('answerEmptyFields=omit,digest=sha256-hex') });
      await sb.close();
      sb = await startSandbox(opts);
      expect(sb.descriptor.signature).toEqual({ digest: 'sha256-hex', answerEmptyFields: 'omit' });
      expect(sb.dialectText).toBe('digest=sha256-hex,answerEmptyFields=omit');
      await sb.close();
      sb = await startSandbox({ ...opts, dialect: dialect('default') });
      await sb.close();
      sb = await startSandbox(opts);
      expect(sb.descriptor.signature).toEqual({});
      await sb.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const t = await startTestSandbox({ profile: { signature: { digest: 'md5', signType: 'include' } } });
    try {
      const r = await t.runCli(['query', 'x1']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(
        'profiles.sandbox.signature.digest: expected one of direct, sha256-hex, got "md5"',
      );
      const bad = await t.runCli([
        'sandbox',
        '--dialect',
        'signtype=include',
        '--port',
        '0',
        '--data',
        'sb2',
      ]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--dialect: unknown setting "signtype"');
    } finally {
      await t.close();
    }
  });
});

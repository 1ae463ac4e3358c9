import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAnswer } from '../../src/protocol/codec.js';
import { callSandbox, qrOrder, startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { VECTOR_KEYS } from '../helpers/vectors.js';

// The wire fixes of the first-contact issue: each of these failed on main.
let t: TestSandbox;
let seq = 0;
const order = () => `w${Date.now()}${seq++}`;
const ARGS = ['--title', 'T', '--desc', 'D'];

beforeAll(async () => {
  t = await startTestSandbox({ profile: { returnUrl: 'http://127.0.0.1:9/return' } });
});
afterAll(async () => {
  await t?.close();
});

/** Change the profile's keys in the config file. */
function setProfile(more: Record<string, unknown>): void {
  const config = JSON.parse(readFileSync(t.configPath, 'utf8'));
  Object.assign(config.profiles.sandbox, more);
  writeFileSync(t.configPath, JSON.stringify(config, null, 2));
}

async function json(args: string[], code = 0) {
  const r = await t.runCli(['--json', ...args]);
  expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(code);
  return JSON.parse(r.stdout);
}

describe('request fields', () => {
  it('pay --account is the member number: plain text even with an encryptionKey', async () => {
    setProfile({ encryptionKey: path.join(t.dataDir, 'keys/platform-public.pem') });
    try {
      const dry = await json([
        'pay',
        '--dry-run',
        '--order',
        order(),
        '--amount',
        '1.00',
        ...ARGS,
        '--account',
        'M0001',
      ]);
      expect(dry.fields.account).toBe('M0001');
    } finally {
      setProfile({ encryptionKey: undefined });
    }
  });

  it('signature.sendCertid sends certid (given, or the merchant certificate serial) and signMethod=01', async () => {
    setProfile({ signature: { sendCertid: true, certid: 'CERT2018092300000123456' } });
    try {
      const no = order();
      const paid = await json(['pay', '--order', no, '--amount', '1.00', ...ARGS, '--verbose']);
      expect(paid.state).toBe('pending');
      const dry = await json(['query', no, '--dry-run']);
      expect(dry.fields).toMatchObject({ certid: 'CERT2018092300000123456', signMethod: '01' });
      expect(dry.canonical).toContain('certid=CERT2018092300000123456');
      const cert = path.join(VECTOR_KEYS, 'merchant-cert.pem');
      setProfile({ signature: { sendCertid: true }, merchantCert: cert });
      const serial = execFileSync('openssl', ['x509', '-in', cert, '-noout', '-serial']).toString().trim();
      const decimal = BigInt(`0x${serial.replace(/^serial=/, '')}`).toString(10);
      expect((await json(['query', no, '--dry-run'])).fields.certid).toBe(decimal);
    } finally {
      setProfile({ signature: undefined, merchantCert: undefined });
    }
  });
});

describe('refund query (2.6.4)', () => {
  it('names both amounts, sends the refund serial as tradeno, and the sandbox fills what the table requires', async () => {
    const no = order();
    await json(['pay', '--order', no, '--amount', '2.00', ...ARGS]);
    await json(['query', no, '--wait', '20']);
    const refundno = `R${no}`;
    const refund = await json(['refund', no, '--amount', '0.50', '--refund-no', refundno, '--yes']);
    const serial = t.sandbox.state.refund(t.sandbox.identity.busino, refundno)?.tradeno;
    expect(serial).toBeTruthy();
    expect(refund.response.imp_tradeno).toBe(serial);

    const dry = await json(['query', '--refund', refundno, '--order', no, '--dry-run']);
    expect(dry.fields.tradeno).toBe(serial);
    const q = await json(['query', '--refund', refundno, '--order', no]);
    expect(q.response.amt_trans).toBe(200);
    expect(q.response.amt_refund).toBe('0.50');
    expect(q.amounts).toEqual({ refund_fen: 50, order_fen: 200 });
    expect(q.response.chn_tradeno).toBeTruthy();
    expect(q.response.transtime).toMatch(/^\d{6}$/);
    const wrong = await json(['query', '--refund', refundno, '--order', no, '--field', 'tradeno=R0'], 1);
    expect(wrong.respmsg).toContain('tradeno R0');

    // a refund the journal does not know (so the batch asks instead of skipping a final row)
    const o = t.sandbox.order(no)!;
    const other = `S${no}`;
    const made = await callSandbox(t.sandbox, 'refund', {
      orderno: no,
      refundno: other,
      prv_transno: o.transno,
      prv_tradeno: o.imp_tradeno,
      prv_trdate: o.trdate,
      prv_tramt: '200',
      opertype: '2',
      refund_amt: '30',
    });
    expect(made.fields.respcode).toBe('00000');
    const file = path.join(t.root, 'refund-rows.csv');
    writeFileSync(file, `orderno,refundno\n${no},${other}\n`);
    const out = path.join(t.root, 'refund-rows-out.csv');
    const batch = await t.runCli(['query', '--batch', file, '--out', out]);
    expect(batch.code, batch.stderr).toBe(0);
    const [head, row] = readFileSync(out, 'utf8').trim().split('\n');
    const cols = head!.split(',');
    const cells = row!.split(',');
    expect(cells[cols.indexOf('amount_fen')]).toBe('30');
    expect(cells[cols.indexOf('order_amount_fen')]).toBe('200');

    // the batch sends a journaled refund's serial as tradeno too (one journal pass, not one a row)
    const known = path.join(t.root, 'refund-known.csv');
    writeFileSync(known, `orderno,refundno\n${no},${refundno}\n`);
    const again = await t.runCli(['--verbose', 'query', '--batch', known, '--refresh']);
    expect(again.code, again.stderr).toBe(0);
    const body = again.stderr.split('\n').find((l) => l.trim().startsWith('body:')) ?? '';
    expect(body).toContain(`&tradeno=${serial}&`);
  }, 60_000);
});

describe('sandbox fidelity', () => {
  it('respmsg 交易成功, answer trtype per the answer tables, no certid in the WeChat answer, scan takes applyQrcode', async () => {
    const qr = await callSandbox(t.sandbox, 'qrcode', qrOrder(1001));
    expect(qr.fields.respmsg).toBe('交易成功');
    const q = await callSandbox(t.sandbox, 'query', { orderno: qr.request.orderno! });
    expect([q.valid, q.fields.trtype]).toEqual([true, 'GP00011']);
    const open = await callSandbox(t.sandbox, 'qrcode', qrOrder(1002));
    const c = await callSandbox(t.sandbox, 'close', { orderno: open.request.orderno! });
    expect([c.valid, c.fields.trtype, c.fields.respcode]).toEqual([true, 'GP00011', '00000']);
    const w = await callSandbox(t.sandbox, 'wechat', {
      ...qrOrder(1002),
      sub_appid: 'wx1234567890',
      sub_openid: 'oU1',
      param_type: '0',
      channel_type: '08',
    });
    expect(w.valid).toBe(true);
    expect(w.fields.respcode).toBe('00000');
    expect('certid' in parseAnswer(w.text)).toBe(false);
    const s = await callSandbox(t.sandbox, 'scan', {
      ...qrOrder(1001),
      auth_code: '134567890123456789',
      subcode: 'guokai.gpay.applyQrcode',
    });
    expect(s.fields.respcode).toBe('00000');
  });
});

import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/catalogue/index.js';
import { PAYMENT_NOTIFY } from '../../src/catalogue/payment-notify.js';
import { PAYMENT_STATUS } from '../../src/catalogue/status.js';
import { TXN_NAMES } from '../../src/catalogue/types.js';
import { runImp } from '../helpers/cli.js';

// `imp fields` on the built CLI: what an operator types instead of opening the spec.
describe('imp fields (built CLI)', () => {
  it('lists the 8 transactions with their paths', async () => {
    const r = await runImp(['fields']);
    expect(r.code).toBe(0);
    for (const name of TXN_NAMES) {
      expect(r.stdout).toContain(name);
      expect(r.stdout).toContain(CATALOGUE[name].path);
    }
  });

  it('draws the refund request table in Chinese with --lang zh', async () => {
    const r = await runImp(['fields', 'refund', '--lang', 'zh']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('请求字段');
    expect(r.stdout).not.toContain('Request fields');
    for (const f of CATALOGUE.refund.request) {
      expect(r.stdout).toContain(f.name);
    }
    const amt = CATALOGUE.refund.request.find((f) => f.name === 'refund_amt');
    expect(amt).toBeDefined();
    expect(r.stdout).toContain(amt?.label.zh);
  });

  it('prints pay with its answer as one JSON document carrying the request fields', async () => {
    const r = await runImp(['fields', 'pay', '--answer', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      name: string;
      path: string;
      request: { name: string }[];
      answer: { name: string }[];
    };
    expect(doc.name).toBe('pay');
    expect(doc.path).toBe(CATALOGUE.pay.path);
    const names = doc.request.map((f) => f.name);
    for (const f of ['orderno', 'amt_trans', 'ordertitle', 'busino', 'sign']) expect(names).toContain(f);
    expect(names).toEqual(CATALOGUE.pay.request.map((f) => f.name));
    expect(doc.answer.map((f) => f.name)).toContain('respcode');
  });

  it('refuses an unknown transaction with exit 2, naming the valid ones', async () => {
    const r = await runImp(['fields', 'nope']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const line = r.stderr.trim();
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toContain("'nope'");
    for (const name of TXN_NAMES) expect(line).toContain(name);
  });

  it("notify: the payment notification's fields and statuses, from the catalogue", async () => {
    const r = await runImp(['fields', 'notify']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    for (const f of PAYMENT_NOTIFY) expect(r.stdout).toContain(f.name);
    for (const v of PAYMENT_STATUS.values) expect(r.stdout).toContain(v.label.en);
    expect(r.stdout).toContain('sent by pay, qrcode, scan, wechat');
    const j = await runImp(['fields', 'notify', '--json']);
    const doc = JSON.parse(j.stdout) as { txns: string[]; fields: { name: string }[] };
    expect(doc.txns).toEqual(['pay', 'qrcode', 'scan', 'wechat']);
    expect(doc.fields.map((f) => f.name)).toEqual(PAYMENT_NOTIFY.map((f) => f.name));
    const list = await runImp(['fields']);
    expect(list.stdout).toContain('imp fields notify');
  });
});

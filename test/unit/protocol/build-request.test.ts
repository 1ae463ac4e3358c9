import { describe, expect, it } from 'vitest';
import { CATALOGUE, getTxn } from '../../../src/catalogue/index.js';
import { specByteLength } from '../../../src/core/bytes.js';
import { buildRequest } from '../../../src/protocol/build-request.js';
import { validateFields } from '../../../src/protocol/validate.js';

// 2026-03-01 17:30:05 UTC is 2026-03-02 01:30:05 in Asia/Shanghai: the date rolls over.
const NOW = new Date(Date.UTC(2026, 2, 1, 17, 30, 5));

describe('buildRequest', () => {
  it('fills the header in Asia/Shanghai, busino and currency from the table', () => {
    const req = buildRequest(CATALOGUE.pay, { busino: '448422080620001' }, { orderno: 'A1' }, NOW);
    expect(req).toMatchObject({
      version: '1.0.0',
      encode: 'UTF-8',
      trdate: '20260302',
      trtime: '013005',
      trtype: 'GP00011',
      subcode: 'guokai.gpay.consume',
      busino: '448422080620001',
      currency: '156',
      orderno: 'A1',
    });
    expect(req.serialno).toMatch(/^imp20260302013005\d+$/);
    expect(specByteLength(req.serialno!)).toBeLessThanOrEqual(50);
    expect(req).not.toHaveProperty('subbusino');
    expect(req).not.toHaveProperty('sign');
    expect(req).not.toHaveProperty('sign_type');
  });

  it('uses the overridden trtype/subcode and a fresh serialno each time', () => {
    const q = getTxn('query', { trtype: 'GP00061' });
    const a = buildRequest(q, { busino: 'B' }, { orderno: 'X' }, NOW);
    const b = buildRequest(q, { busino: 'B' }, { orderno: 'X' }, NOW);
    expect(a.trtype).toBe('GP00061');
    expect(a.subcode).toBe('guokai.gpay.consumequery');
    expect(a.serialno).not.toBe(b.serialno);
  });

  it('adds subbusino and URLs only when the table has them and they are set', () => {
    const header = {
      busino: 'B',
      subbusino: 'S',
      notifyUrl: 'https://n.example/',
      returnUrl: 'https://r.example/',
    };
    const pay = buildRequest(CATALOGUE.pay, header, {}, NOW);
    expect(pay).toMatchObject({
      subbusino: 'S',
      notify_url: 'https://n.example/',
      return_url: 'https://r.example/',
    });
    const close = buildRequest(CATALOGUE.close, header, {}, NOW);
    expect(close.subbusino).toBe('S');
    expect(close).not.toHaveProperty('notify_url');
    expect(close).not.toHaveProperty('currency');
    expect(buildRequest(CATALOGUE.pay, { busino: 'B', subbusino: '' }, {}, NOW)).not.toHaveProperty(
      'subbusino',
    );
  });

  it('lets explicit fields win and passes extra fields through, after the table ones', () => {
    const req = buildRequest(
      CATALOGUE.refund,
      { busino: 'B' },
      { trdate: '20200101', serialno: 'mine', certid: 'C1', refundno: 'R1' },
      NOW,
    );
    expect(req.trdate).toBe('20200101');
    expect(req.serialno).toBe('mine');
    const keys = Object.keys(req);
    expect(keys.at(-1)).toBe('certid');
    expect(keys.indexOf('refundno')).toBeLessThan(keys.indexOf('certid'));
  });

  it('produces header fields that pass validation for every transaction', () => {
    for (const txn of Object.values(CATALOGUE)) {
      const req = buildRequest(txn, { busino: '448422080620001' }, {}, NOW);
      const headerProblems = validateFields(req, txn.request).filter((p) =>
        [
          'version',
          'encode',
          'trdate',
          'trtime',
          'trtype',
          'subcode',
          'serialno',
          'busino',
          'currency',
        ].includes(p.field),
      );
      expect(headerProblems, txn.name).toEqual([]);
    }
  });
});

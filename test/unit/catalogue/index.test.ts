import { describe, expect, it } from 'vitest';
import {
  PAY_TYPE,
  PAY_TYPE_CODES,
  payTypeOfQrcodeType,
  QRCODE_TYPE,
  QRCODE_TYPE_CODES,
  qrcodeTypeOfPayType,
} from '../../../src/catalogue/enums.js';
import { CATALOGUE, fieldOf, getTxn, isTxnName, statusOf, txnByPath } from '../../../src/catalogue/index.js';
import { FIELD_KINDS, TXN_NAMES } from '../../../src/catalogue/types.js';

const EXPECTED = {
  pay: ['IMP-CPos/b2c/pay/busConsume.do', 'GP00011', 'guokai.gpay.consume', '2.6.2'],
  refund: ['IMP-CPos/b2c/pay/busRefund.do', 'GP00021', 'guokai.gpay.refund', '2.6.3'],
  refundquery: ['IMP-CPos/b2c/pay/busRefundQuery.do', 'GP00062', 'guokai.gpay.refundquery', '2.6.4'],
  query: ['IMP-CPos/b2c/pay/busConsumeQuery.do', 'GP00063', 'guokai.gpay.consumequery', '2.6.5'],
  qrcode: ['IMP-CPos/b2c/pay/busApplyQrcode.do', 'GP00011', 'guokai.gpay.applyQrcode', '2.6.6'],
  scan: ['IMP-CPos/b2c/pay/busSweptPay.do', 'GP00011', 'guokai.gpay.sweptPay', '2.6.7'],
  wechat: ['IMP-CPos/b2c/pay/busConsumeByParam.do', 'GP00011', 'guokai.gpay.busConsumeByParam', '2.6.8'],
  close: ['IMP-CPos/b2c/pay/busCloseOrder.do', 'GP00013', 'guokai.gpay.consume', '2.6.9'],
} as const;

describe('catalogue', () => {
  it.each(TXN_NAMES)('%s has the path, trtype, subcode and section PROTOCOL-NOTES resolve', (name) => {
    const txn = CATALOGUE[name];
    const [path, trtype, subcode, spec] = EXPECTED[name];
    expect({
      name: txn.name,
      path: txn.path,
      trtype: txn.trtype,
      subcode: txn.subcode,
      spec: txn.spec,
    }).toEqual({
      name,
      path,
      trtype,
      subcode,
      spec,
    });
    expect(txn.subcode).not.toMatch(/\s/);
  });

  it('every field is well formed and named once per table', () => {
    for (const txn of Object.values(CATALOGUE)) {
      for (const side of ['request', 'answer', 'notify'] as const) {
        const defs = txn[side] ?? [];
        const names = defs.map((f) => f.name);
        expect(new Set(names).size, `${txn.name}.${side} duplicates`).toBe(names.length);
        for (const f of defs) {
          expect(FIELD_KINDS, `${txn.name}.${f.name}`).toContain(f.kind);
          expect(f.label.zh && f.label.en, `${txn.name}.${f.name} labels`).toBeTruthy();
          if (f.maxBytes !== undefined) expect(f.specType).toMatch(new RegExp(`\\(${f.maxBytes}\\)`));
        }
      }
    }
  });

  it('requests open with the common header and end with the signature fields', () => {
    for (const txn of Object.values(CATALOGUE)) {
      const names = txn.request.map((f) => f.name);
      expect(names.slice(0, 7)).toEqual([
        'version',
        'encode',
        'trdate',
        'trtime',
        'trtype',
        'subcode',
        'serialno',
      ]);
      expect(names.slice(-2)).toEqual(['sign', 'sign_type']);
      expect(fieldOf(txn, 'version')?.fixed).toBe('1.0.0');
      expect(fieldOf(txn, 'encode')?.fixed).toBe('UTF-8');
      expect(fieldOf(txn, 'busino')?.required).toBe(true);
    }
  });

  it('reads byte lengths and kinds from the spec types', () => {
    expect(fieldOf(CATALOGUE.pay, 'ordertitle')).toMatchObject({
      specType: 'char(64)',
      maxBytes: 64,
      required: true,
    });
    expect(fieldOf(CATALOGUE.pay, 'amt_trans')).toMatchObject({ kind: 'fen', required: true });
    expect(fieldOf(CATALOGUE.pay, 'currency')).toMatchObject({ fixed: '156', maxBytes: 3 });
    expect(fieldOf(CATALOGUE.refundquery, 'amt_refund', 'answer')).toMatchObject({ kind: 'yuan' });
    expect(fieldOf(CATALOGUE.refund, 'prv_trdate')).toMatchObject({ kind: 'date', maxBytes: 8 });
    expect(fieldOf(CATALOGUE.pay, 'account')?.required).toBe('conditional');
  });

  it('carries the enumerations of PROTOCOL-NOTES', () => {
    const values = (txn: keyof typeof CATALOGUE, name: string, side: 'request' | 'answer' = 'request') =>
      fieldOf(CATALOGUE[txn], name, side)?.enum?.map((e) => e.value);
    expect(values('qrcode', 'qrcode_type')).toEqual(['00', '01', '02', '03']);
    expect(values('qrcode', 'qrcodeType', 'answer')).toEqual(['00', '01', '02', '03']);
    expect(values('pay', 'channel_type')).toEqual(['07', '08']);
    expect(values('pay', 'confflag')).toEqual(['0', '8', '9']);
    expect(values('pay', 'pay_type')).toEqual(['00015', '00081', '00091']);
    expect(values('wechat', 'param_type')).toEqual(['0', '1']);
    expect(values('query', 'trans_sub_type', 'answer')).toEqual(['06', '07']);
    expect(values('refund', 'opertype')).toEqual(['1', '2']);
  });

  it('has notifications for the four payment transactions only', () => {
    const withNotify = TXN_NAMES.filter((n) => CATALOGUE[n].notify);
    expect(withNotify.sort()).toEqual(['pay', 'qrcode', 'scan', 'wechat']);
    expect(fieldOf(CATALOGUE.scan, 'settle_amt', 'notify')).toMatchObject({ kind: 'fen', required: true });
    expect(CATALOGUE.close.answerSubcode).toBe('guokai.gpay.closeorder');
  });

  it('tells what a status means where it is read', () => {
    expect(statusOf(CATALOGUE.query, '0')?.kind).toBe('success');
    expect(statusOf(CATALOGUE.pay, '0')?.kind).toBe('pending');
    expect(statusOf(CATALOGUE.pay, '0', 'notify')?.kind).toBe('success');
    expect(statusOf(CATALOGUE.scan, '4')?.kind).toBe('failure');
    expect(statusOf(CATALOGUE.query, '1')?.kind).toBe('pending');
    expect(statusOf(CATALOGUE.query, '9')?.kind).toBe('pending');
    expect(CATALOGUE.refund.status?.field).toBe('refund_status');
    expect(statusOf(CATALOGUE.refund, '0')?.kind).toBe('pending');
    expect(statusOf(CATALOGUE.refundquery, '0')?.kind).toBe('success');
    expect(CATALOGUE.close.status?.field).toBe('order_status');
    expect(['0', '1', '2', '3', '4'].map((v) => statusOf(CATALOGUE.close, v)?.kind)).toEqual([
      'success',
      'failure',
      'success',
      'pending',
      'failure',
    ]);
    expect(statusOf(CATALOGUE.query, '7')).toBeUndefined();
  });

  it('applies profile overrides without touching the catalogue', () => {
    const q = getTxn('query', { trtype: 'GP00061', subcode: ' ' });
    expect(q.trtype).toBe('GP00061');
    expect(q.subcode).toBe('guokai.gpay.consumequery');
    expect(CATALOGUE.query.trtype).toBe('GP00063');
    expect(getTxn('close', { path: '/IMP-CPos/x.do' }).path).toBe('IMP-CPos/x.do');
    expect(getTxn('pay')).toBe(CATALOGUE.pay);
  });

  it('knows transaction names and paths', () => {
    expect(isTxnName('refundquery')).toBe(true);
    expect(isTxnName('refunds')).toBe(false);
    expect(txnByPath('/pos/IMP-CPos/b2c/pay/busRefund.do')?.name).toBe('refund');
    expect(txnByPath('IMP-CPos/b2c/pay/nothing.do')).toBeUndefined();
  });
});

describe('catalogue codes by name', () => {
  it('the named codes are the codes of the spec tables, and a wallet links qrcode_type and pay_type', () => {
    expect(Object.values(QRCODE_TYPE_CODES)).toEqual(QRCODE_TYPE.map((e) => e.value));
    expect(Object.values(PAY_TYPE_CODES).sort()).toEqual(PAY_TYPE.map((e) => e.value).sort());
    expect(payTypeOfQrcodeType('01')).toBe('00091');
    expect(payTypeOfQrcodeType('02')).toBe('00081');
    expect(payTypeOfQrcodeType('03')).toBe('00015');
    expect(payTypeOfQrcodeType('00')).toBeUndefined();
    expect(qrcodeTypeOfPayType('00015')).toBe('03');
    expect(qrcodeTypeOfPayType('')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../../src/catalogue/index.js';
import { classifyAnswer } from '../../../src/txn/classify.js';

describe('classifyAnswer', () => {
  it('a refund answer without respcode (not required by 2.6.3.4) is classified by refund_status', () => {
    const accepted = classifyAnswer(CATALOGUE.refund, { orderno: 'O1', refund_status: '0' });
    expect(accepted.state).not.toBe('failure');
    expect(accepted.status?.value).toBe('0');
    expect(classifyAnswer(CATALOGUE.refund, { orderno: 'O1', refund_status: '4' }).state).toBe('failure');
    expect(classifyAnswer(CATALOGUE.refundquery, { refundno: 'R1', status: '0' }).state).toBe('success');
  });

  it('still a failure: a respcode other than 00000, or no respcode and no status, or a table that requires respcode', () => {
    expect(classifyAnswer(CATALOGUE.refund, { respcode: '20004', refund_status: '0' }).state).toBe('failure');
    expect(classifyAnswer(CATALOGUE.refund, { orderno: 'O1' }).state).toBe('failure');
    expect(classifyAnswer(CATALOGUE.query, { status: '0' }).state).toBe('failure');
  });
});

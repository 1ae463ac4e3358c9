import { appendFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../../../src/cli/kit/context.js';
import { openSession } from '../../../src/commands/shared/session.js';
import { RefundBook } from '../../../src/refund/book.js';
import { decideRefund, type RefundRequest } from '../../../src/refund/decide.js';
import { gatherRefundFacts } from '../../../src/refund/facts.js';
import type { TxnSession } from '../../../src/txn/session.js';
import { callSandbox, qrOrder, startTestSandbox, type TestSandbox } from '../../helpers/sandbox.js';
import { sink } from '../../helpers/sink.js';
import { journalOf, paidOrder } from '../../integration/refund-harness.js';

// gatherRefundFacts does a refund's I/O against the real sandbox and its journal, and returns
// plain data; decideRefund then needs nothing else.
let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(async () => {
  await t?.close();
});

async function session(): Promise<TxnSession> {
  const global = { json: false, input: false, yes: true, verbose: false, debug: false, lang: 'en' };
  const streams = { stdout: sink().stream, stderr: sink().stream, stdin: { isTTY: false } };
  const ctx = createContext(global, { env: { ...t.env }, cwd: t.root, streams });
  return openSession(ctx);
}

async function gather(orderno: string, more: Partial<RefundRequest> = {}) {
  const s = await session();
  const book = await RefundBook.load(s.journal);
  const req = { orderno, amount: 100, ...more };
  const facts = await gatherRefundFacts(s, book, req);
  await s.journal.close();
  return { facts, req };
}

describe('gatherRefundFacts against the sandbox', () => {
  it('a paid order: the payment query answer, no refunds; the decision is the first refund', async () => {
    const orderno = await paidOrder(t, 500);
    const { facts, req } = await gather(orderno);
    expect(facts.payment).toMatchObject({ source: 'query', query: { state: 'success', respcode: '00000' } });
    expect(facts).toMatchObject({ damaged: [], openBefore: [], refunds: [], checks: [] });
    // plain data: survives a structured clone unchanged
    expect(structuredClone(facts)).toEqual(facts);
    expect(decideRefund(facts, req, new Date())).toMatchObject({
      kind: 'plan',
      decision: { kind: 'new', why: 'first' },
      payment: { amount: 500 },
    });
  });

  it('an order not paid: the answer says so, and nothing further is asked', async () => {
    const o = qrOrder(1002);
    await callSandbox(t.sandbox, 'qrcode', o);
    const { facts, req } = await gather(o.orderno);
    expect(facts.payment).toMatchObject({ source: 'query' });
    expect(facts.payment?.source === 'query' && facts.payment.query.state).not.toBe('success');
    expect(facts.checks).toEqual([]);
    expect(decideRefund(facts, req, new Date())).toMatchObject({ kind: 'refusal', code: 'NOT_PAID' });
  });

  it('an open refund of the order: asked with the refund query, its answer recorded, before and after kept', async () => {
    const orderno = await paidOrder(t, 500);
    const lost = await journalOf(t).begin({ txn: 'refund', orderno, refundno: 'RLOSTF001', amount: 100 });
    const { facts, req } = await gather(orderno);
    expect(facts.openBefore).toEqual([lost.id]);
    expect(facts.checks).toHaveLength(1);
    expect(facts.checks[0]?.query?.respcode).toBe('20007');
    expect(facts.refunds).toMatchObject([{ id: lost.id, state: 'failure' }]);
    expect((await journalOf(t).get(lost.id))?.state).toBe('failure');
    expect(decideRefund(facts, req, new Date())).toMatchObject({
      kind: 'plan',
      attempt: 2,
      decision: { kind: 'new', why: 'after-failure' },
    });
  });

  it('every prv_* value given: no payment query', async () => {
    const { facts } = await gather('NOSUCHORDER1', {
      given: { transno: 'T1', tradeno: 'P1', date: '20261203', amount: '500' },
    });
    expect(facts.payment).toEqual({
      source: 'given',
      transno: 'T1',
      tradeno: 'P1',
      date: '20261203',
      amount: 500,
    });
  });

  it('a damaged journal line that may be this order: stops before any request', async () => {
    const orderno = await paidOrder(t, 500);
    await appendFile(journalOf(t).file, `{"type":"begin","orderno":"${orderno}"\n`);
    const { facts, req } = await gather(orderno);
    expect(facts.damaged).toHaveLength(1);
    expect(facts.payment).toBeUndefined();
    expect(decideRefund(facts, req, new Date())).toMatchObject({ kind: 'refusal', code: 'JOURNAL_DAMAGED' });
  });
});

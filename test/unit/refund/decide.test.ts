import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../../src/core/exit-codes.js';
import type { DamagedLine } from '../../../src/journal/index.js';
import type { BookEntry } from '../../../src/refund/book.js';
import {
  decideRefund,
  type RefundFacts,
  type RefundPlan,
  type RefundRequest,
  type RowDecision,
} from '../../../src/refund/decide.js';
import { deriveRefundNo } from '../../../src/refund/identity.js';
import type { PaymentFacts } from '../../../src/refund/payment.js';
import { REFUSAL_CODES, type RefundRefusal } from '../../../src/refund/refusal.js';
import { refusalError } from '../../../src/refund/refusal-error.js';
import type { TxnOutcome } from '../../../src/txn/types.js';

// 2026-12-03 10:00 in Asia/Shanghai
const NOW = new Date('2026-12-03T02:00:00.000Z');
const TODAY = '20261203';
const BUSINO = 'B1';

let n = 0;
const refund = (state: BookEntry['state'], more: Partial<BookEntry> = {}): BookEntry => ({
  id: `e${++n}`,
  txn: 'refund',
  at: '2026-12-03T01:00:00.000Z',
  orderno: 'O1',
  refundno: `RN${n}`,
  amount: 30,
  state,
  ...more,
});

const paidQuery = (response: Record<string, string>, more: Partial<TxnOutcome> = {}): PaymentFacts => ({
  source: 'query',
  given: {},
  query: {
    txn: 'query',
    ok: true,
    state: 'success',
    respcode: '00000',
    verified: true,
    request: { orderno: 'O1' },
    response: {
      respcode: '00000',
      status: '0',
      transno: 'T1',
      imp_tradeno: 'P1',
      transdate: TODAY,
      amt_trans: '100',
      ...response,
    },
    url: 'https://example.invalid',
    ms: 1,
    ...more,
  },
});

const PAID = paidQuery({});

/** Facts as gatherRefundFacts leaves them: the journal part, and the rest when it went on. */
const facts = (more: Partial<RefundFacts> = {}): RefundFacts => ({
  busino: BUSINO,
  damaged: [],
  payment: PAID,
  openBefore: [],
  refunds: [],
  checks: [],
  ...more,
});

const REQ: RefundRequest = { orderno: 'O1', amount: 30 };
const derived = (ordinal: number, attempt: number, amount = 30) =>
  deriveRefundNo({ busino: BUSINO, orderno: 'O1', amount, ordinal }, attempt);

const damagedLine: DamagedLine = {
  line: 3,
  reason: 'checksum',
  excerpt: '{"type":"begin","orderno":"O1"…',
  text: '{"type":"begin","orderno":"O1"}',
  digest: 'd'.repeat(64),
};

const ok = refund('success', { id: 'ok1', refundno: 'RN-OK' });
const failed = refund('failure', { id: 'f1', refundno: 'RN-F' });
const open = refund('pending', { id: 'p1', refundno: 'RN-P' });
const unknownSame = refund('unknown', { id: 'u1', refundno: 'RN-U' });
const unknownOther = refund('unknown', { id: 'u2', refundno: 'RN-U2', amount: 10 });
const otherOrder = refund('success', { id: 'x1', refundno: 'RN-X', orderno: 'O9' });

interface Row {
  rule: string;
  facts: RefundFacts;
  req?: Partial<RefundRequest>;
  now?: Date;
  /** A refusal: its code, what its params hold, and the exit code of the error it becomes. */
  refused?: { code: RefundRefusal['code']; params?: Record<string, unknown>; exit: ExitCode };
  /** A plan: what it holds. */
  plan?: Partial<Omit<RefundPlan, 'decision'>> & { decision?: Partial<RowDecision> };
}

const ROWS: Row[] = [
  // what the same command means
  {
    rule: 'nothing before: the first refund, under the derived number',
    facts: facts(),
    plan: {
      decision: { kind: 'new', why: 'first' },
      ordinal: 1,
      attempt: 1,
      refundno: derived(1, 1),
      opertype: '2',
    },
  },
  {
    rule: 'the same command again while its refund was open: resumed, nothing new',
    facts: facts({ openBefore: ['ok1'], refunds: [ok] }),
    plan: { decision: { kind: 'resumed', entry: ok }, refundno: 'RN-OK', ordinal: 1 },
  },
  {
    rule: 'the same command again while its refund is still in progress: resumed, it counts as refunded',
    facts: facts({ openBefore: ['p1'], refunds: [open] }),
    plan: { decision: { kind: 'resumed', entry: open }, refundno: 'RN-P', already: 30 },
  },
  {
    rule: 'a refund of the same order and amount exists: --again needed (a person is asked)',
    facts: facts({ refunds: [ok] }),
    plan: {
      decision: { kind: 'again-needed', earlier: ok },
      ordinal: 2,
      refundno: derived(2, 1),
      already: 30,
    },
  },
  {
    rule: '--again: the next ordinal',
    facts: facts({ refunds: [ok] }),
    req: { again: true },
    plan: {
      decision: { kind: 'new', why: 'again', earlier: ok },
      ordinal: 2,
      attempt: 1,
      refundno: derived(2, 1),
    },
  },
  {
    rule: 'the earlier one failed for certain: a new attempt under a new number',
    facts: facts({ refunds: [failed] }),
    plan: {
      decision: { kind: 'new', why: 'after-failure', earlier: failed },
      ordinal: 1,
      attempt: 2,
      refundno: derived(1, 2),
    },
  },
  {
    rule: 'a refund never sent leaves no trace: the first refund, same attempt',
    facts: facts({ refunds: [refund('not_sent', { attempt: 1 })] }),
    plan: { decision: { kind: 'new', why: 'first' }, attempt: 1, refundno: derived(1, 1) },
  },
  {
    rule: 'a given refund number of a new refund is used as is',
    facts: facts(),
    req: { refundno: 'MINE1' },
    plan: { refundno: 'MINE1' },
  },
  {
    rule: '--void alone: the whole paid amount, opertype 1, on the payment day',
    facts: facts(),
    req: { amount: undefined, void: true },
    plan: { amount: 100, opertype: '1' },
  },
  // batch rows: the identity is given (decideRow)
  {
    rule: 'batch row whose refund is final: done',
    facts: facts({ refunds: [ok] }),
    req: { ordinal: 1 },
    plan: { decision: { kind: 'done', entry: ok }, refundno: 'RN-OK' },
  },
  {
    rule: 'batch row with again=2: a new refund, ordinal 2',
    facts: facts({ refunds: [ok] }),
    req: { ordinal: 2 },
    plan: { decision: { kind: 'new', why: 'first' }, ordinal: 2, refundno: derived(2, 1) },
  },
  {
    rule: 'batch row open before the run: resumed',
    facts: facts({ openBefore: ['ok1'], refunds: [ok] }),
    req: { ordinal: 1 },
    plan: { decision: { kind: 'resumed', entry: ok } },
  },
  {
    rule: 'batch row that failed, --retry-failed: a new attempt',
    facts: facts({ refunds: [failed] }),
    req: { ordinal: 1, retryFailed: true },
    plan: { decision: { kind: 'new', why: 'after-failure' }, attempt: 2, refundno: derived(1, 2) },
  },
  {
    rule: 'batch row that failed, without --retry-failed: done',
    facts: facts({ refunds: [failed] }),
    req: { ordinal: 1 },
    plan: { decision: { kind: 'done', entry: failed } },
  },
  // every refusal
  {
    rule: 'damaged journal line mentioning the order (not overridden by --again)',
    facts: facts({ damaged: [damagedLine], payment: undefined }),
    req: { again: true },
    refused: { code: 'JOURNAL_DAMAGED', params: { lines: [damagedLine] }, exit: ExitCode.usage },
  },
  {
    rule: 'given refund number belongs to another order',
    facts: facts({ used: otherOrder, payment: undefined }),
    req: { refundno: 'RN-X' },
    refused: { code: 'REFUNDNO_USED', params: { refundno: 'RN-X', used: otherOrder }, exit: ExitCode.usage },
  },
  {
    rule: "given refund number is this order's earlier refund, which failed: a new one needs a new number",
    facts: facts({ used: failed, refunds: [failed] }),
    req: { refundno: 'RN-F' },
    refused: { code: 'REFUNDNO_USED', params: { refundno: 'RN-F', used: failed }, exit: ExitCode.usage },
  },
  {
    rule: 'given payment date is not yyyyMMdd',
    facts: facts({
      payment: { source: 'given', transno: 'T1', tradeno: 'P1', date: '2026-12-03', amount: 100 },
    }),
    refused: { code: 'PAYMENT_DATE_INVALID', params: { date: '2026-12-03' }, exit: ExitCode.usage },
  },
  {
    rule: 'payment query answers an error',
    facts: facts({ payment: paidQuery({}, { respcode: '20002', respmsg: '订单不存在', state: 'failure' }) }),
    refused: { code: 'PAYMENT_NOT_FOUND', params: { respcode: '20002' }, exit: ExitCode.business },
  },
  {
    rule: 'payment not paid',
    facts: facts({ payment: paidQuery({ status: '1' }, { state: 'pending' }) }),
    refused: { code: 'NOT_PAID', params: { status: '1', state: 'pending' }, exit: ExitCode.business },
  },
  {
    rule: "payment query's answer lacks a prv_* value",
    facts: facts({ payment: paidQuery({ imp_tradeno: '' }) }),
    refused: {
      code: 'PAYMENT_INCOMPLETE',
      params: { missing: ['imp_tradeno (--field prv_tradeno=…)'] },
      exit: ExitCode.usage,
    },
  },
  {
    rule: 'no amount and no --void',
    facts: facts(),
    req: { amount: undefined },
    refused: { code: 'AMOUNT_REQUIRED', exit: ExitCode.usage },
  },
  {
    rule: 'this same refund still unknown after asking: exit 3, nothing new',
    facts: facts({ refunds: [unknownSame] }),
    req: { again: true },
    refused: {
      code: 'REFUND_UNRESOLVED',
      params: { same: true, unknown: unknownSame },
      exit: ExitCode.unknown,
    },
  },
  {
    rule: 'another refund of the order still unknown: exit 1',
    facts: facts({ refunds: [unknownOther] }),
    refused: { code: 'REFUND_UNRESOLVED', params: { same: false }, exit: ExitCode.business },
  },
  {
    rule: 'beyond what is left (refunded + in progress + this > paid)',
    facts: facts({ refunds: [refund('success', { amount: 50 }), refund('pending', { amount: 30 })] }),
    refused: {
      code: 'OVER_REFUND',
      params: { paid: 100, already: 80, amount: 30, refundable: 20 },
      exit: ExitCode.business,
    },
  },
  {
    rule: '--void for less than the whole amount',
    facts: facts(),
    req: { void: true },
    refused: { code: 'VOID_RULE', params: { why: 'not-whole' }, exit: ExitCode.usage },
  },
  {
    rule: '--void after an earlier refund',
    facts: facts({ refunds: [refund('success', { amount: 10 })] }),
    req: { amount: 90, void: true },
    refused: { code: 'VOID_RULE', params: { why: 'not-whole' }, exit: ExitCode.usage },
  },
  {
    rule: '--void not on the payment day (Asia/Shanghai)',
    facts: facts(),
    req: { amount: undefined, void: true },
    now: new Date('2026-12-03T16:30:00.000Z'), // 00:30 on the 4th in Shanghai
    refused: {
      code: 'VOID_RULE',
      params: { why: 'not-today', paidOn: TODAY, today: '20261204' },
      exit: ExitCode.usage,
    },
  },
  {
    rule: 'a second refund of the same order and amount under --yes without --again',
    facts: facts({ refunds: [ok] }),
    req: { unattended: true },
    refused: { code: 'DUPLICATE_REFUND', params: { earlier: ok, amount: 30 }, exit: ExitCode.usage },
  },
];

/** Frozen all the way down: the decision must not change its facts. */
function frozen<T>(x: T): T {
  if (typeof x === 'object' && x !== null && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) frozen(v);
  }
  return x;
}

const ctx: Parameters<typeof refusalError>[0] = { imp: 'imp' };

describe('decideRefund: one row per rule', () => {
  it.each(ROWS.map((r) => [r.rule, r] as const))('%s', (_rule, row) => {
    const req = { ...REQ, ...row.req };
    const before = structuredClone(row.facts);
    const out = decideRefund(frozen(row.facts), req, row.now ?? NOW);
    expect(row.facts).toEqual(before);
    if (row.refused) {
      expect(out).toMatchObject({
        kind: 'refusal',
        code: row.refused.code,
        params: row.refused.params ?? {},
      });
      const err = refusalError(
        ctx,
        'journal.jsonl',
        { orderno: req.orderno, refundno: req.refundno },
        out as RefundRefusal,
      );
      expect(err.exitCode).toBe(row.refused.exit);
      expect(err.code).toBe(row.refused.code);
      expect(err.message).not.toBe('');
    } else {
      expect(out).toMatchObject({ kind: 'plan', ...row.plan });
    }
  });

  it('every refusal code has a row', () => {
    const covered = new Set(ROWS.flatMap((r) => (r.refused ? [r.refused.code] : [])));
    expect([...REFUSAL_CODES].filter((c) => !covered.has(c))).toEqual([]);
  });

  it('is the same for the same facts, whenever it is asked (only the void rule reads the date)', () => {
    const f = facts({ refunds: [ok] });
    const later = new Date(NOW.getTime() + 30 * 24 * 3600_000);
    expect(decideRefund(f, REQ, later)).toEqual(decideRefund(f, REQ, NOW));
  });
});

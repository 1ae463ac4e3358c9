import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../../src/catalogue/index.js';
import { createContext } from '../../../src/cli/kit/context.js';
import { impPrefix } from '../../../src/cli/kit/hint.js';
import { SignatureError, UnknownOutcomeError, UsageError } from '../../../src/core/errors.js';
import { classifyAnswer } from '../../../src/txn/classify.js';
import { shortenSign } from '../../../src/txn/exchange-log.js';
import { parseExtras } from '../../../src/txn/extras.js';
import { findOutCommand } from '../../../src/txn/hints.js';
import { backoffMs, parseWait, waitForFinal } from '../../../src/txn/poll.js';
import { idsOf, maskApikey, txnUrl } from '../../../src/txn/prepare.js';
import type { TxnSession } from '../../../src/txn/session.js';
import type { TxnOutcome, TxnState } from '../../../src/txn/types.js';

function session(global: { profile?: string; config?: string } = {}): TxnSession {
  const streams = { stdout: new PassThrough(), stderr: new PassThrough() };
  const ctx = createContext(
    { json: false, input: false, yes: false, verbose: false, debug: false, lang: 'en', ...global },
    { streams, env: {} },
  );
  return {
    out: ctx.out,
    lang: ctx.lang,
    imp: impPrefix(ctx),
    verbose: false,
    profile: { configPath: '/etc/imp config.json' },
  } as unknown as TxnSession;
}

describe('classifyAnswer', () => {
  it('respcode ≠ 00000 is a failure whatever the status says', () => {
    expect(classifyAnswer(CATALOGUE.query, { respcode: '20002', status: '0' }).state).toBe('failure');
  });
  it('reads the status table: the query says paid, a pay application only pending', () => {
    expect(classifyAnswer(CATALOGUE.query, { respcode: '00000', status: '0' })).toMatchObject({
      state: 'success',
      status: { field: 'status', value: '0', label: { en: 'paid' } },
    });
    expect(classifyAnswer(CATALOGUE.pay, { respcode: '00000', status: '0' }).state).toBe('pending');
    expect(classifyAnswer(CATALOGUE.pay, { respcode: '00000', status: '4' }).state).toBe('failure');
    expect(classifyAnswer(CATALOGUE.close, { respcode: '00000', order_status: '2' }).state).toBe('success');
    expect(classifyAnswer(CATALOGUE.close, { respcode: '00000', order_status: '1' }).state).toBe('failure');
  });
  it('a missing or unlisted status is pending: ask again rather than guess', () => {
    expect(classifyAnswer(CATALOGUE.query, { respcode: '00000' }).state).toBe('pending');
    expect(classifyAnswer(CATALOGUE.query, { respcode: '00000', status: '7' }).state).toBe('pending');
  });
});

describe('request helpers', () => {
  it('parses --field k=v, keeps = in values, names every bad one', () => {
    expect(parseExtras(['ordertype=1', 'x=a=b', 'dev='])).toEqual({ ordertype: '1', x: 'a=b', dev: '' });
    expect(() => parseExtras(['=1', 'ok=1', 'sign=abc', 'novalue'])).toThrow(/'=1', 'sign=abc', 'novalue'/);
  });
  it('ids carry the amount in fen and the URL joins base and path', () => {
    expect(idsOf({ orderno: 'o', refund_amt: '50', refundno: 'r', prv_transno: 'T', serialno: 's' })).toEqual(
      {
        orderno: 'o',
        refundno: 'r',
        serialno: 's',
        transno: 'T',
        amount: 50,
      },
    );
    expect(txnUrl('http://h/pos', '/IMP-CPos/x.do')).toBe('http://h/pos/IMP-CPos/x.do');
  });
  it('shortens sign values only', () => {
    const sign = `${'A'.repeat(300)}==`;
    expect(shortenSign(`a=1&sign=${sign}&sign_type=RSA`)).toBe(
      'a=1&sign=AAAAAAAA…AAAAAA== (302 chars)&sign_type=RSA',
    );
  });
  it('the find-out command repeats -c/-p and picks the refund query for refunds', () => {
    const s = session({ profile: 'prod', config: '/etc/imp config.json' });
    expect(findOutCommand(s, 'pay', { orderno: 'o1' })).toBe(
      "imp -c '/etc/imp config.json' -p prod query o1",
    );
    expect(findOutCommand(session(), 'refund', { orderno: 'o1', refundno: 'r1' })).toBe(
      'imp query --refund r1 --order o1',
    );
  });
});

describe('waiting', () => {
  it('--wait alone is 120 s; numbers are seconds; anything else is a usage error', () => {
    expect(parseWait(undefined)).toBeUndefined();
    expect(parseWait(true)).toBe(120);
    expect(parseWait('30')).toBe(30);
    expect(() => parseWait('soon')).toThrow(UsageError);
    expect([0, 1, 2, 3, 4, 9].map(backoffMs)).toEqual([1000, 2000, 3000, 5000, 5000, 5000]);
  });

  const outcome = (state: TxnState): TxnOutcome =>
    ({
      txn: 'query',
      state,
      ok: state === 'success',
      verified: true,
      request: {},
      response: {},
      url: '',
      ms: 1,
    }) as TxnOutcome;

  function clock() {
    let t = 0;
    const slept: number[] = [];
    const sleep = async (ms: number) => {
      slept.push(ms);
      t += ms;
    };
    return { now: () => t, sleep, slept };
  }

  it('polls with backoff through unknown outcomes until a final state', async () => {
    const answers: (TxnState | 'drop')[] = ['pending', 'drop', 'pending', 'success'];
    const c = clock();
    const got = await waitForFinal(session(), {
      ask: async () => {
        const a = answers.shift()!;
        if (a === 'drop') throw new UnknownOutcomeError('dropped');
        return outcome(a);
      },
      seconds: 60,
      ids: { orderno: 'o1' },
      txn: 'query',
      label: 'waiting',
      ...c,
    });
    expect(got.state).toBe('success');
    expect(c.slept).toEqual([1000, 2000, 3000]);
  });

  it('times out with exit 3 naming the query; a bad signature stops at once', async () => {
    const c = clock();
    const err = await waitForFinal(session(), {
      ask: async () => outcome('pending'),
      seconds: 12,
      ids: { orderno: 'o1' },
      txn: 'query',
      label: 'waiting',
      ...c,
    }).catch((e) => e);
    expect(err).toBeInstanceOf(UnknownOutcomeError);
    expect(err.code).toBe('WAIT_TIMEOUT');
    expect(err.hints.join()).toContain('imp query o1');
    expect(c.slept.reduce((a, b) => a + b, 0)).toBe(12_000);
    let calls = 0;
    await expect(
      waitForFinal(session(), {
        ask: async () => {
          calls++;
          throw new SignatureError('bad');
        },
        seconds: 60,
        ids: {},
        txn: 'query',
        label: 'w',
        ...clock(),
      }),
    ).rejects.toBeInstanceOf(SignatureError);
    expect(calls).toBe(1);
  });
});

describe('maskApikey', () => {
  it('masks the appended apikey whatever its length', () => {
    expect(maskApikey('a=1&b=2&k3y', 'k3y')).toBe('a=1&b=2&****');
    expect(maskApikey('a=1&0123456789abcdef', '0123456789abcdef')).toBe('a=1&01…ef');
    expect(maskApikey('a=1', 'secret')).toBe('a=1');
  });
});

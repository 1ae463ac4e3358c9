import { describe, expect, it } from 'vitest';
import { JournalFold } from '../../../src/journal/fold.js';
import type { JournalLine } from '../../../src/journal/types.js';

const begin = (id: string, more: Record<string, unknown> = {}): JournalLine =>
  ({ type: 'begin', id, txn: 'refund', orderno: `O-${id}`, amount: 100, at: 't0', ...more }) as JournalLine;
const finish = (id: string, state: string, more: Record<string, unknown> = {}): JournalLine =>
  ({ type: 'finish', id, source: 'send', state, respcode: '00000', ...more }) as JournalLine;

describe('JournalFold', () => {
  it('folds begin and outcome lines: the latest outcome wins, every outcome in history, members in order', () => {
    const fold = new JournalFold();
    fold.add(begin('a'));
    fold.add(finish('a', 'pending', { at: 't1' }));
    fold.add(finish('a', 'success', { at: 't2', transno: 'T1' }));
    fold.add(begin('b'));
    const [a, b] = fold.entries();
    // what `imp journal list --json` prints: the begin's members (no `type`), then the fold's
    expect(JSON.stringify(a)).toBe(
      JSON.stringify({
        id: 'a',
        txn: 'refund',
        orderno: 'O-a',
        amount: 100,
        at: 't0',
        state: 'success',
        finished: true,
        history: [
          { source: 'send', state: 'pending', respcode: '00000', at: 't1' },
          { source: 'send', state: 'success', respcode: '00000', at: 't2', transno: 'T1' },
        ],
        updatedAt: 't2',
        outcome: { source: 'send', state: 'success', respcode: '00000', at: 't2', transno: 'T1' },
        transno: 'T1',
      }),
    );
    expect(b).toMatchObject({ id: 'b', state: 'unknown', finished: false, history: [], updatedAt: 't0' });
    expect(b).not.toHaveProperty('type');
  });

  it('an outcome read before its begin line (damage reordered them) is applied when the begin comes', () => {
    const fold = new JournalFold();
    fold.add(finish('a', 'failure', { at: 't1' }));
    fold.add(begin('a'));
    expect(fold.entries()).toMatchObject([{ id: 'a', state: 'failure', finished: true, updatedAt: 't1' }]);
  });

  it('entries handed out keep what they said when an outcome comes later (a new entry replaces them)', () => {
    const fold = new JournalFold();
    fold.add(begin('a'));
    fold.add(finish('a', 'pending'));
    const [before] = fold.entries();
    fold.add(finish('a', 'success', { transno: 'T9' }));
    const [after] = fold.entries();
    expect(before).toMatchObject({ state: 'pending', outcome: { state: 'pending' } });
    expect(before?.history).toHaveLength(1);
    expect(before).not.toHaveProperty('transno');
    expect(after).toMatchObject({ state: 'success', transno: 'T9' });
    expect(after?.history.map((h) => h.state)).toEqual(['pending', 'success']);
    expect(after).not.toBe(before);
  });
});

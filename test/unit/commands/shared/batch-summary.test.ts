import { describe, expect, it } from 'vitest';
import { BatchSummary } from '../../../../src/batch/summary.js';
import { renderProblems, renderSummary, rowReason } from '../../../../src/commands/shared/batch-summary.js';
import { Output } from '../../../../src/output/output.js';

const out = new Output({ json: false, lang: 'en', color: false });

describe('batch summary', () => {
  it('a refund batch separates "failed (nothing refunded)" from "skipped (already final)"', () => {
    const s = new BatchSummary();
    s.add('failure', 100);
    s.add('skipped', 200);
    s.add('success', 300);
    const text = renderSummary(out, s, true);
    expect(text).toContain('failed (nothing refunded)');
    expect(text).toContain('skipped (already final)');
    // a query batch's failure moved no money either way: plain "failed"
    expect(renderSummary(out, s, false)).not.toContain('nothing refunded');
  });

  it("a problem row's reason: imp's own error, else the platform's respcode and message", () => {
    expect(rowReason({ error: 'over-refund', respcode: '1' })).toBe('over-refund');
    expect(rowReason({ respcode: 'E1001', respmsg: 'no such order' })).toBe('E1001 no such order');
    const table = renderProblems(
      out,
      'r.csv',
      [{ line: 3, outcome: 'failure', orderno: 'o1', respcode: 'E1001', respmsg: 'no such order' }],
      true,
    );
    expect(table).toContain('r.csv:3');
    expect(table).toContain('E1001 no such order');
    expect(table).toContain('failed (nothing refunded)');
  });
});

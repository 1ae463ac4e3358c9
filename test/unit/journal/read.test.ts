import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type DamagedLine,
  excerptOf,
  Journal,
  JournalDamage,
  type JournalLine,
  lineDigest,
  readJournalLines,
} from '../../../src/journal/index.js';
import { journalText } from '../../../src/output/messages/journal.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'imp-journal-read-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const begin = (id: string, orderno: string) =>
  JSON.stringify({ type: 'begin', txn: 'refund', id, orderno, refundno: `R${id}`, amount: 100 });
const finish = (id: string) => JSON.stringify({ type: 'finish', id, state: 'success' });

/** Every line the reader yields and every line it reports, for a file holding `text`. */
async function read(text: string) {
  const file = join(dir, 'j.jsonl');
  await writeFile(file, text);
  const lines: JournalLine[] = [];
  const damaged: DamagedLine[] = [];
  for await (const l of readJournalLines(file, { onDamaged: (d) => damaged.push(d) })) lines.push(l);
  return { lines, damaged };
}

describe('readJournalLines reports every line it cannot read', () => {
  it('a clean journal: every line yielded, nothing reported, the trailing newline is not a line', async () => {
    const r = await read(`${begin('a', 'O1')}\n${finish('a')}\n`);
    expect(r.lines.map((l) => l.type)).toEqual(['begin', 'finish']);
    expect(r.damaged).toEqual([]);
  });

  it('gives 1-based line numbers and the reason for each kind of damage', async () => {
    const text = [
      begin('a', 'O1'),
      'this is not json at all',
      '[1,2,3]',
      JSON.stringify({ type: 'begin', orderno: 'O9' }),
      JSON.stringify({ type: 'note', id: 'n1', text: 'hello' }),
      JSON.stringify({ type: 'finish', id: 'a', state: 'maybe' }),
      finish('a'),
    ].join('\n');
    const r = await read(`${text}\n`);
    expect(r.lines.map((l) => l.id)).toEqual(['a', 'a']);
    expect(r.damaged.map(({ line, reason }) => ({ line, reason }))).toEqual([
      { line: 2, reason: 'not-json' },
      { line: 3, reason: 'not-journal' },
      { line: 4, reason: 'not-journal' },
      { line: 5, reason: 'unknown-type' },
      { line: 6, reason: 'not-journal' },
    ]);
    expect(r.damaged[3]?.text).toContain('"type":"note"');
  });

  it('a torn last line without a newline is reported, with its text', async () => {
    const torn = begin('b', 'O-TORN').slice(0, 45);
    const r = await read(`${begin('a', 'O1')}\n${torn}`);
    expect(r.lines).toHaveLength(1);
    expect(r.damaged).toEqual([
      { line: 2, reason: 'not-json', excerpt: torn, text: torn, digest: lineDigest(torn) },
    ]);
  });

  it('a torn line followed by a good one: the fragment is reported and the good line still read', async () => {
    const torn = begin('b', 'O2').slice(0, 30);
    const r = await read(`${begin('a', 'O1')}\n${torn}\n${begin('c', 'O3')}\n`);
    expect(r.lines.map((l) => l.id)).toEqual(['a', 'c']);
    expect(r.damaged.map((d) => [d.line, d.reason])).toEqual([[2, 'not-json']]);
  });

  it('the journal writer after a torn line starts a new line; the reader sees fragment and line apart', async () => {
    const file = join(dir, 'w.jsonl');
    await writeFile(file, begin('a', 'O1').slice(0, 20));
    const j = new Journal(file, 'p');
    await j.begin({ txn: 'refund', orderno: 'O5', refundno: 'R5', amount: 5 });
    await j.close();
    const damaged: DamagedLine[] = [];
    const lines: JournalLine[] = [];
    for await (const l of readJournalLines(file, { onDamaged: (d) => damaged.push(d) })) lines.push(l);
    expect(lines.map((l) => l.type === 'begin' && l.orderno)).toEqual(['O5']);
    expect(damaged.map((d) => d.line)).toEqual([1]);
  });

  it('blank lines at the end are not damage; a blank line between lines is', async () => {
    const end = await read(`${begin('a', 'O1')}\n\n\n`);
    expect(end.damaged).toEqual([]);
    const middle = await read(`${begin('a', 'O1')}\n\n${begin('b', 'O2')}\n`);
    expect(middle.lines).toHaveLength(2);
    expect(middle.damaged.map((d) => [d.line, d.reason])).toEqual([[2, 'not-json']]);
  });

  it('a missing file is an empty journal', async () => {
    const damaged: DamagedLine[] = [];
    const lines: JournalLine[] = [];
    for await (const l of readJournalLines(join(dir, 'none.jsonl'), { onDamaged: (d) => damaged.push(d) }))
      lines.push(l);
    expect(lines).toEqual([]);
    expect(damaged).toEqual([]);
  });

  it('callers that pass no options still read the good lines', async () => {
    const file = join(dir, 'old.jsonl');
    await writeFile(file, `garbage\n${begin('a', 'O1')}\n`);
    const lines: JournalLine[] = [];
    for await (const l of readJournalLines(file)) lines.push(l);
    expect(lines.map((l) => l.id)).toEqual(['a']);
  });
});

describe('excerptOf and JournalDamage', () => {
  it('cuts at 80 characters and never shows control characters', () => {
    const long = `{"type":"begin","orderno":"${'x'.repeat(200)}`;
    const e = excerptOf(long);
    expect(Array.from(e)).toHaveLength(81);
    expect(e.endsWith('…')).toBe(true);
    expect(excerptOf('ab\u0000\u001b[31mcd')).toBe('ab??[31mcd');
    expect(excerptOf('退款订单')).toBe('退款订单');
  });

  it('counts the damaged lines of a read and words one warning naming file, count and first line', async () => {
    const file = join(dir, 'd.jsonl');
    await writeFile(file, `${begin('a', 'O1')}\n{"type":"be\nnot json\n${finish('a')}\n`);
    const damage = new JournalDamage();
    for await (const _ of readJournalLines(file, damage));
    expect(damage.count).toBe(2);
    expect(damage.first?.line).toBe(2);
    expect(journalText(damage.warning(file)!).en).toBe(
      `journal ${file}: 2 unreadable lines skipped (first: line 2, not JSON; once looked at, imp journal dismiss 2)`,
    );
    expect(journalText(damage.warning(file)!).zh).toContain('第 2 行');
    expect(new JournalDamage().warning(file)).toBeUndefined();
  });
});

describe('dismissed lines', () => {
  it('a dismissal naming the line and the digest of its text silences it; the other damage stays', async () => {
    const fragment = '{"type":"begin","txn":"refund","orderno":"O7","amo';
    const j = join(dir, 'dm.jsonl');
    await writeFile(j, `${begin('a', 'O1')}\n${fragment}\nnot json\n`);
    const journal = new Journal(j, 'p', { idleCloseMs: 10 });
    await journal.dismiss(2, lineDigest(fragment));
    await journal.close();
    const damaged: DamagedLine[] = [];
    const lines: JournalLine[] = [];
    for await (const l of readJournalLines(j, { onDamaged: (d) => damaged.push(d) })) lines.push(l);
    expect(damaged.map((d) => d.line)).toEqual([3]);
    // the dismissal itself is neither damage nor an entry
    expect(lines.map((l) => l.id)).toEqual(['a']);
  });

  it('a dismissal whose line number or digest does not match (the file was edited) silences nothing', async () => {
    const fragment = '{"type":"begin","txn":"refund","orderno":"O7","amo';
    const wrongDigest = JSON.stringify({
      type: 'dismiss',
      id: 'd1',
      at: 'x',
      line: 2,
      sha256: lineDigest('other'),
    });
    const wrongLine = JSON.stringify({
      type: 'dismiss',
      id: 'd2',
      at: 'x',
      line: 3,
      sha256: lineDigest(fragment),
    });
    const { damaged } = await read(`${begin('a', 'O1')}\n${fragment}\n${wrongDigest}\n${wrongLine}\n`);
    expect(damaged.map((d) => d.line)).toEqual([2]);
  });
});

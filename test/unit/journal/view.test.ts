import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FileJournalStore } from '../../../src/journal/file-store.js';
import { encodeLine, Journal, lineDigest } from '../../../src/journal/index.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'imp-view-'));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

describe('Journal.view: read once, then follows its own lines', () => {
  it('entries, find, pending and get all come from one read of the store', async () => {
    const file = join(dir, 'p.jsonl');
    const w = new Journal(file, 'p');
    const a = await w.begin({ txn: 'refund', orderno: 'o1', refundno: 'r1', amount: 5 });
    await w.close();
    const reads = vi.spyOn(FileJournalStore.prototype, 'rawLines');
    const j = new Journal(file, 'p');
    expect((await j.entries()).map((e) => e.id)).toEqual([a.id]);
    expect(await j.find({ orderno: 'o1' })).toHaveLength(1);
    expect(await j.pending()).toHaveLength(1);
    expect((await j.get(a.id))?.state).toBe('unknown');
    expect(reads).toHaveBeenCalledTimes(1);
    await j.close();
  });

  it('its own appends are in the next answer; entries handed out before keep what they said', async () => {
    const j = new Journal(join(dir, 'p.jsonl'), 'p');
    const before = await j.entries();
    const b = await j.begin({ txn: 'refund', orderno: 'o1', refundno: 'r1', amount: 5, extra: undefined });
    const [open] = await j.entries();
    expect(open).toMatchObject({ id: b.id, state: 'unknown', finished: false });
    expect(Object.keys(open as object)).not.toContain('extra'); // as read back: undefined is not written
    await j.finish(b.id, { state: 'success', respcode: '00000', transno: 'T1' });
    expect(await j.get(b.id)).toMatchObject({ state: 'success', finished: true, transno: 'T1' });
    expect(open).toMatchObject({ state: 'unknown', finished: false, history: [] });
    expect(before).toEqual([]);
    // what another reader of the file sees is the same
    const fresh = new Journal(j.file, 'p');
    expect(await fresh.entries()).toEqual(await j.entries());
    await j.close();
  });

  it('a dismissal it writes takes the damaged line out of its view', async () => {
    const file = join(dir, 'p.jsonl');
    await appendFile(file, '{"type":"begin","id":"x"\n');
    const j = new Journal(file, 'p');
    const { fold } = await j.view();
    expect(fold.damaged.map((d) => d.line)).toEqual([1]);
    await j.dismiss(1, lineDigest('{"type":"begin","id":"x"'));
    expect((await j.view()).fold.damaged).toEqual([]);
    expect((await new Journal(file, 'p').view()).fold.damaged).toEqual([]);
    await j.close();
  });

  it("another process's lines on the file are read again at the next answer (the file grew by more than its own)", async () => {
    const file = join(dir, 'p.jsonl');
    const j = new Journal(file, 'p');
    const mine = await j.begin({ txn: 'query', orderno: 'o1' });
    expect(await j.entries()).toHaveLength(1);
    const reads = vi.spyOn(FileJournalStore.prototype, 'rawLines');
    await j.finish(mine.id, { state: 'success' });
    expect(await j.entries()).toHaveLength(1);
    expect(reads).toHaveBeenCalledTimes(0);
    const other = new Journal(file, 'p');
    const theirs = await other.begin({ txn: 'refund', orderno: 'o1', refundno: 'r1', amount: 5 });
    await other.close();
    expect((await j.entries()).map((e) => e.id)).toEqual([mine.id, theirs.id]);
    expect(reads).toHaveBeenCalledTimes(1);
    await j.close();
  });

  /** A journal of `n` finished queries (a read of it takes a while: lines are written meanwhile). */
  async function bigJournal(n: number): Promise<string> {
    const file = join(dir, 'p.jsonl');
    const lines: string[] = [];
    for (let i = 0; i < n; i++) {
      const id = `id-${i}`;
      lines.push(
        encodeLine({ type: 'begin', id, txn: 'query', orderno: `O${i}`, at: 't', profile: 'p' }),
        encodeLine({ type: 'finish', id, state: 'success', respcode: '00000', at: 't' }),
      );
    }
    await writeFile(file, `${lines.join('\n')}\n`);
    return file;
  }

  it('prefetch: a line written while the read is under way is in the view once, and the file is read once', async () => {
    const file = await bigJournal(10_000);
    const reads = vi.spyOn(FileJournalStore.prototype, 'rawLines');
    const j = new Journal(file, 'p');
    await j.prefetch();
    const mine = await j.begin({ txn: 'query', orderno: 'O-mine' }, { durable: false });
    await j.finish('id-5', { state: 'failure', at: 't2' }, { durable: false });
    const entries = await j.entries();
    // a line read and followed both would show twice in the history
    expect((await j.get('id-5'))?.history.map((h) => h.state)).toEqual(['success', 'failure']);
    expect(entries).toHaveLength(10_001);
    expect(entries.filter((e) => e.id === mine.id)).toHaveLength(1);
    expect(reads).toHaveBeenCalledTimes(1);
    await j.finish(mine.id, { state: 'success' }, { durable: false });
    expect(await j.get(mine.id)).toMatchObject({ state: 'success', history: [{ state: 'success' }] });
    expect(await new Journal(file, 'p').entries()).toEqual(await j.entries());
    expect(reads).toHaveBeenCalledTimes(2); // the fresh reader's; j's view followed its own lines
    await j.close();
  });

  it('a line whose append began before the read took its size: the next reader reads again, the line once', async () => {
    const file = await bigJournal(2_000);
    const j = new Journal(file, 'p');
    const reads = vi.spyOn(FileJournalStore.prototype, 'rawLines');
    const begun = j.begin({ txn: 'query', orderno: 'O-mine' }, { durable: false });
    const early = j.view(); // its read may or may not hold the line: it serves its own readers only
    const mine = await begun;
    await early;
    const entries = await j.entries();
    expect(entries.filter((e) => e.id === mine.id)).toHaveLength(1);
    expect(entries).toHaveLength(2_001);
    expect(reads).toHaveBeenCalledTimes(2);
    await j.close();
  });
});

import { describe, expect, it } from 'vitest';
import { ImpError } from '../../../src/core/errors.js';
import { ExitCode } from '../../../src/core/exit-codes.js';
import {
  type DamagedLine,
  encodeLine,
  Journal,
  type JournalLine,
  lineDigest,
  MAX_JOURNAL_LINE_BYTES,
  readJournalLines,
} from '../../../src/journal/index.js';
import { numberLines } from '../../../src/journal/line-reader.js';
import { PgJournalStore } from '../../../src/journal/pg-store.js';
import { freePort } from '../../helpers/db-server.js';

/** The rows in pages of two, as the shared journal reads them a page at a time. */
async function* texts(lines: string[]): AsyncGenerator<string[]> {
  for (let i = 0; i < lines.length; i += 2) yield lines.slice(i, i + 2);
}

describe('the reader on lines from a store (the shared journal rows)', () => {
  it('numbers rows from 1 and judges them as file lines: checksums, too-long, dismissals', async () => {
    const good = encodeLine({ type: 'begin', id: 'a', txn: 'refund', orderno: 'O1', amount: 1 });
    const changed = encodeLine({ type: 'begin', id: 'b', txn: 'refund', orderno: 'O2', amount: 1 }).replace(
      'O2',
      'O3',
    );
    const huge = `{"type":"begin","id":"c","pad":"${'x'.repeat(MAX_JOURNAL_LINE_BYTES)}"}`;
    const torn = '{"type":"begin","id":"t';
    const dismiss = encodeLine({ type: 'dismiss', id: 'd', at: 'now', line: 4, sha256: lineDigest(torn) });
    const damaged: DamagedLine[] = [];
    const lines: JournalLine[] = [];
    const source = numberLines(texts([good, changed, huge, torn, dismiss]));
    for await (const l of readJournalLines(source, { onDamaged: (d) => damaged.push(d) })) lines.push(l);
    expect(lines.map((l) => l.id)).toEqual(['a']);
    expect(damaged.map((d) => [d.line, d.reason])).toEqual([
      [2, 'checksum'],
      [3, 'too-long'],
    ]);
    // only the first bytes of the long row are kept, its digest is of the whole
    expect(damaged[1]?.text.length).toBeLessThanOrEqual(256);
    expect(damaged[1]?.digest).toBe(lineDigest(huge));
  });
});

describe('a shared journal that stops answering', () => {
  it('before a request: exit 7 (nothing sent); an outcome it cannot take after the request left: exit 3', async () => {
    const url = `postgres://nobody:pw@127.0.0.1:${await freePort()}/none`;
    const j = new Journal(new PgJournalStore(url, '800000000000001', 'p'), 'p');
    const before = await j.begin({ txn: 'refund', orderno: 'O1' }).catch((e) => e);
    expect(before).toBeInstanceOf(ImpError);
    expect((before as ImpError).exitCode).toBe(ExitCode.unreachable);
    const after = await j.finish('some-id', { state: 'success' }).catch((e) => e);
    expect((after as ImpError).exitCode).toBe(ExitCode.unknown);
    expect((after as ImpError).code).toBe('JOURNAL_OUTCOME_LOST');
    const notSent = await j.finish('some-id', { state: 'not_sent' }).catch((e) => e);
    expect((notSent as ImpError).exitCode).toBe(ExitCode.unreachable);
    await j.close();
  });
});

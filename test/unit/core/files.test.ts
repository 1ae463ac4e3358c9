import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openAtomic, writeFileAtomic } from '../../../src/core/atomic-write.js';
import { acquireFileLock, STALE_MS } from '../../../src/core/file-lock.js';

const dir = mkdtempSync(path.join(tmpdir(), 'imp-core-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic / openAtomic', () => {
  it('replaces a file whole, with the mode asked, leaving no temp file', async () => {
    const file = path.join(dir, 'sub', 'a.json');
    await writeFileAtomic(file, 'old');
    await writeFileAtomic(file, 'new', { mode: 0o600 });
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readdirSync(path.dirname(file))).toEqual(['a.json']);
    // a replaced file takes the temp file's mode
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('shows the old version until commit; abort leaves it untouched', async () => {
    const file = path.join(dir, 'b.csv');
    writeFileSync(file, 'v1');
    const a = await openAtomic(file);
    await a.write('v2 part 1,');
    await a.write(Buffer.from('part 2'));
    expect(readFileSync(file, 'utf8')).toBe('v1');
    await a.commit();
    expect(readFileSync(file, 'utf8')).toBe('v2 part 1,part 2');
    const b = await openAtomic(file);
    await b.write('v3');
    await b.abort();
    await b.abort();
    expect(readFileSync(file, 'utf8')).toBe('v2 part 1,part 2');
    expect(readdirSync(dir).filter((f) => f.startsWith('.b.csv'))).toEqual([]);
  });
});

describe('acquireFileLock', () => {
  it('one holder at a time; a stale lock (holder died) is taken over; release frees it', async () => {
    const file = path.join(dir, 'locks', 'x.lock');
    const first = await acquireFileLock(file);
    expect(first.heldBy).toBeUndefined();
    const second = await acquireFileLock(file);
    expect(second.heldBy).toBeDefined();
    if (!first.heldBy) await first.release();
    expect(existsSync(file)).toBe(false);

    // a lock a dead process left: not refreshed for longer than STALE_MS
    mkdirSync(file);
    const old = new Date(Date.now() - STALE_MS - 5_000);
    utimesSync(file, old, old);
    const third = await acquireFileLock(file);
    expect(third.heldBy).toBeUndefined();
    if (!third.heldBy) await third.release();
    expect(existsSync(file)).toBe(false);
  });
});

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openAtomic, writeFileAtomic } from '../../src/core/atomic-write.js';
import { acquirePidLock } from '../../src/core/pid-lock.js';

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

describe('acquirePidLock', () => {
  it('one holder at a time; a dead owner’s lock is taken over; release spares a lock taken over', async () => {
    const file = path.join(dir, 'locks', 'x.lock');
    const first = await acquirePidLock(file);
    expect(first.heldBy).toBeUndefined();
    const second = await acquirePidLock(file);
    expect(second.heldBy?.pid).toBe(process.pid);
    expect(second.heldBy?.since).toMatch(/^\d{4}-\d\d-\d\dT/);
    if (!first.heldBy) await first.release();
    expect(existsSync(file)).toBe(false);

    // a pid above pid_max cannot be alive
    writeFileSync(file, '4194305\n2026-01-01T00:00:00Z\n');
    const third = await acquirePidLock(file);
    expect(third.heldBy).toBeUndefined();
    expect(readFileSync(file, 'utf8').split('\n')[0]).toBe(String(process.pid));
    writeFileSync(file, `${process.ppid}\n2026-01-01T00:00:00Z\n`);
    if (!third.heldBy) await third.release();
    expect(readFileSync(file, 'utf8')).toContain(String(process.ppid));
    expect((await acquirePidLock(file)).heldBy).toEqual({ pid: process.ppid, since: '2026-01-01T00:00:00Z' });
  });
});

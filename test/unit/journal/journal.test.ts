import { spawn } from 'node:child_process';
import { appendFile, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Journal, journalPath } from '../../../src/journal/index.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'imp-journal-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('journal', () => {
  it('lives at <journalDir>/<profile>.jsonl, created with private permissions', async () => {
    const j = Journal.forProfile({ journalDir: join(dir, 'journal'), name: 'test' });
    expect(j.file).toBe(journalPath({ journalDir: join(dir, 'journal'), name: 'test' }));
    await j.begin({ txn: 'pay', orderno: 'o1', serialno: 's1', amount: 180 });
    await j.close();
    expect(j.file).toBe(join(dir, 'journal', 'test.jsonl'));
    expect((await stat(j.file)).mode & 0o077).toBe(0);
  });

  it('begin is on disk before it resolves, and folds with the latest outcome', async () => {
    const j = new Journal(join(dir, 'p.jsonl'), 'p');
    const b = await j.begin({ txn: 'refund', orderno: 'o1', refundno: 'r1', serialno: 's1', amount: 50 });
    const onDisk = (await readFile(j.file, 'utf8')).trim().split('\n');
    expect(onDisk).toHaveLength(1);
    expect(JSON.parse(onDisk[0]!)).toMatchObject({
      type: 'begin',
      id: b.id,
      refundno: 'r1',
      amount: 50,
      profile: 'p',
    });

    let [e] = await j.entries();
    expect(e).toMatchObject({ id: b.id, state: 'unknown', finished: false });

    await j.finish(b.id, { state: 'pending', respcode: '00000', status: '1' });
    await j.finish(b.id, {
      state: 'success',
      respcode: '00000',
      status: '0',
      transno: 'T9',
      source: 'resolve',
    });
    [e] = await j.entries();
    expect(e).toMatchObject({ state: 'success', finished: true, transno: 'T9', refundno: 'r1' });
    expect(e!.history.map((h) => h.state)).toEqual(['pending', 'success']);
    expect(await j.pending()).toEqual([]);
    await j.close();
  });

  it('lists recent (newest first), pending and by identifier', async () => {
    const j = new Journal(join(dir, 'p.jsonl'), 'p');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push((await j.begin({ txn: 'pay', orderno: `o${i}`, serialno: `s${i}` })).id);
    await j.finish(ids[0]!, { state: 'success' });
    await j.finish(ids[1]!, { state: 'failure' });
    await j.finish(ids[2]!, { state: 'pending' });
    await j.finish(ids[3]!, { state: 'unknown', error: 'timeout' });
    expect((await j.recent(2)).map((e) => e.orderno)).toEqual(['o4', 'o3']);
    expect((await j.pending()).map((e) => e.orderno)).toEqual(['o2', 'o3', 'o4']);
    expect((await j.find({ orderno: 'o1' }))[0]?.state).toBe('failure');
    await j.close();
  });

  it('a missing file is an empty journal', async () => {
    const j = new Journal(join(dir, 'none', 'p.jsonl'));
    expect(await j.entries()).toEqual([]);
  });

  it('tolerates a torn last line and never glues the next line to it', async () => {
    const file = join(dir, 'p.jsonl');
    const j1 = new Journal(file, 'p');
    const b = await j1.begin({ txn: 'pay', orderno: 'o1', serialno: 's1' });
    await j1.close();
    await appendFile(file, '{"type":"finish","id":"'); // killed mid-line
    expect((await new Journal(file).entries()).map((e) => e.id)).toEqual([b.id]);
    const j2 = new Journal(file, 'p');
    await j2.finish(b.id, { state: 'success' });
    await j2.close();
    const [e] = await new Journal(file).entries();
    expect(e?.state).toBe('success');
  });

  it('parallel appends from one process and from other processes never interleave', async () => {
    const file = join(dir, 'p.jsonl');
    const j = new Journal(file, 'p');
    const long = 'x'.repeat(3000);
    const lib = await transpileJournal();
    const child = (n: number) =>
      new Promise<number | null>((resolve) => {
        const code = `import(${JSON.stringify(lib)}).then(async (m) => {
          const j = new m.Journal(${JSON.stringify(file)}, 'p');
          await Promise.all(Array.from({ length: 50 }, (_, i) => j.begin({ txn: 'query', orderno: 'c${n}-' + i, serialno: 's', extra: { pad: '${long}' } })));
          await j.close();
        })`;
        const p = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: 'inherit' });
        p.on('close', resolve);
      });
    const [c1, c2] = await Promise.all([
      child(1),
      child(2),
      Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          j.begin({ txn: 'query', orderno: `p-${i}`, extra: { pad: long } }),
        ),
      ),
    ]);
    await j.close();
    const lines = (await readFile(file, 'utf8')).split('\n').filter(Boolean);
    for (const l of lines) expect(() => JSON.parse(l)).not.toThrow();
    const expected = 100 + (c1 === 0 ? 50 : 0) + (c2 === 0 ? 50 : 0);
    expect(c1).toBe(0);
    expect(c2).toBe(0);
    expect(lines).toHaveLength(expected);
    expect((await j.entries()).length).toBe(expected);
  });
});

/** Child processes run plain node: transpile the journal and what it imports into the temp dir. */
async function transpileJournal(): Promise<string> {
  const ts = (await import('typescript')).default;
  const src = new URL('../../../src/', import.meta.url);
  for (const f of [
    'journal/journal.ts',
    'journal/appender.ts',
    'journal/read.ts',
    'journal/fold.ts',
    'journal/view.ts',
    'journal/entry-id.ts',
    'journal/file-store.ts',
    'journal/pg-store.ts',
    'journal/store.ts',
    'journal/migrate.ts',
    'journal/pg-connect.ts',
    'core/db-url.ts',
    'core/file-lock.ts',
    'journal/line-format.ts',
    'journal/line-reader.ts',
    'journal/types.ts',
    'core/errors.ts',
    'core/exit-codes.ts',
    'core/message.ts',
    'output/i18n.ts',
    'output/messages/fill.ts',
    'output/messages/journal.ts',
  ]) {
    const out = ts.transpileModule(await readFile(new URL(f, src), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    });
    const dest = join(dir, 'lib', f.replace(/\.ts$/, '.js'));
    await mkdir(dirname(dest), { recursive: true });
    await writeFile(dest, out.outputText);
  }
  return join(dir, 'lib', 'journal', 'journal.js');
}

describe('durability', () => {
  it('non-durable lines (queries) are appended in order and read back like the others', async () => {
    const j = new Journal(join(dir, 'q.jsonl'), 'q');
    const b = await j.begin({ txn: 'query', orderno: 'o1' }, { durable: false });
    await j.finish(b.id, { state: 'success' }, { durable: false });
    const d = await j.begin({ txn: 'pay', orderno: 'o2' });
    await j.close();
    const lines = (await readFile(j.file, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.type)).toEqual(['begin', 'finish', 'begin']);
    expect((await j.entries()).map((e) => [e.orderno, e.state])).toEqual([
      ['o1', 'success'],
      ['o2', 'unknown'],
    ]);
    expect(d.id).not.toBe(b.id);
  });
});

describe('journal file handle', () => {
  const openFds = async (file: string) => {
    const { readdir, readlink } = await import('node:fs/promises');
    const fds = await readdir('/proc/self/fd');
    const targets = await Promise.all(fds.map((fd) => readlink(`/proc/self/fd/${fd}`).catch(() => '')));
    return targets.filter((t) => t === file).length;
  };

  it.runIf(process.platform === 'linux')(
    'is closed once the journal is idle (never left to the garbage collector), and reopened by the next line',
    async () => {
      const j = new Journal(join(dir, 'idle.jsonl'), 'p', { idleCloseMs: 20 });
      const b = await j.begin({ txn: 'pay', orderno: 'o1', serialno: 's1', amount: 1 });
      expect(j.isOpen).toBe(true);
      expect(await openFds(j.file)).toBe(1);
      await new Promise((r) => setTimeout(r, 100));
      expect(j.isOpen).toBe(false);
      await new Promise((r) => setTimeout(r, 20));
      expect(await openFds(j.file)).toBe(0);
      await j.finish(b.id, { state: 'success', source: 'send' });
      expect(await openFds(j.file)).toBe(1);
      await j.close();
      expect(await openFds(j.file)).toBe(0);
      const [e] = await j.entries();
      expect(e).toMatchObject({ id: b.id, state: 'success' });
    },
  );
});

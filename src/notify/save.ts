import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cstParts } from '../core/time.js';

const safeName = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40) || 'unknown';

/** What `--save` did with one verified notification. */
export type SaveResult = { saved: string } | { refused: 'cap'; usedBytes: number };

/**
 * `--save`: raw bodies of verified notifications, at most `bytesPerDay` a day (the bank's date).
 * The day's count starts from the files already there, so a restart does not reset the cap.
 */
export async function openSaveBox(dir: string, bytesPerDay: number) {
  await mkdir(dir, { recursive: true });
  let day = '';
  let used = 0;

  async function usedOn(date: string): Promise<number> {
    let total = 0;
    for (const name of await readdir(dir)) {
      if (!name.startsWith(date)) continue;
      total += await stat(join(dir, name)).then(
        (s) => s.size,
        () => 0,
      );
    }
    return total;
  }

  return async function save(
    at: Date,
    seq: number,
    orderno: string | undefined,
    body: Buffer,
    meta: Record<string, unknown>,
  ): Promise<SaveResult> {
    const { date, time } = cstParts(at);
    if (date !== day) {
      day = date;
      used = await usedOn(date);
    }
    const metaText = `${JSON.stringify(meta, null, 2)}\n`;
    const bytes = body.length + Buffer.byteLength(metaText);
    if (used + bytes > bytesPerDay) return { refused: 'cap', usedBytes: used };
    used += bytes;
    const file = join(dir, `${date}${time}-${String(seq).padStart(4, '0')}-${safeName(orderno ?? '')}.txt`);
    await writeFile(file, body);
    await writeFile(`${file}.meta.json`, metaText);
    return { saved: file };
  };
}

import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { UsageError } from '../core/errors.js';
import { csvCell } from '../output/csv.js';

/** One result row, flat: column → value. */
export type ResultRow = Record<string, string | number | boolean | undefined>;

/** Where per-row results go as they arrive (nothing accumulates in memory). */
export interface ResultSink {
  /** The file written, when there is one. */
  readonly path?: string;
  write(row: ResultRow): Promise<void>;
  close(): Promise<void>;
}

async function put(stream: WriteStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

async function openStream(path: string): Promise<WriteStream> {
  const stream = createWriteStream(path, { flags: 'w' });
  try {
    await once(stream, 'open');
  } catch (err) {
    throw new UsageError(`--out: cannot write ${path} (${(err as NodeJS.ErrnoException).code ?? err})`, {
      code: 'BATCH_OUT',
    });
  }
  return stream;
}

/** Rows are gathered up to this many characters, or this long, before one write. */
const CHUNK_CHARS = 64 * 1024;
const CHUNK_MS = 200;

/**
 * Open `--out`: `.json` writes a JSON array, anything else CSV with a header row.
 * Rows are written as they finish (gathered for at most 200 ms, so a 10,000-row batch makes
 * a few dozen writes rather than one per row), so the file is useful even if the run is killed.
 */
export async function openResultSink(path: string, columns: readonly string[]): Promise<ResultSink> {
  const stream = await openStream(path);
  const json = path.toLowerCase().endsWith('.json');
  let first = true;
  let buffered = '';
  let timer: NodeJS.Timeout | undefined;
  // takes the buffer synchronously, so concurrent flushes keep the rows' order
  const flush = async () => {
    clearTimeout(timer);
    timer = undefined;
    if (buffered === '') return;
    const text = buffered;
    buffered = '';
    await put(stream, text);
  };
  await put(stream, json ? '[' : `${columns.join(',')}\n`);
  return {
    path,
    async write(row) {
      // build the text and flip `first` before awaiting: rows finish concurrently
      let text: string;
      if (json) {
        const picked = Object.fromEntries(
          columns.filter((c) => row[c] !== undefined).map((c) => [c, row[c]]),
        );
        text = `${first ? '\n' : ',\n'}  ${JSON.stringify(picked)}`;
      } else {
        text = `${columns.map((c) => csvCell(row[c])).join(',')}\n`;
      }
      first = false;
      buffered += text;
      if (buffered.length >= CHUNK_CHARS) await flush();
      else timer ??= setTimeout(() => void flush(), CHUNK_MS);
    },
    async close() {
      await flush();
      if (json) await put(stream, first ? ']\n' : '\n]\n');
      stream.end();
      await once(stream, 'finish');
    },
  };
}

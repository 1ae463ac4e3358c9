import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { UsageError } from '../core/errors.js';
import { type Fen, parseFen } from '../core/money.js';

/** A column a batch file may carry; the header row names them (case-insensitive, any order). */
export interface ColumnSpec {
  name: string;
  required: boolean;
}

/** One data row of a batch file: its 1-based line in the file and its values by column name. */
export interface CsvRow {
  line: number;
  values: Record<string, string>;
}

/**
 * Bytes read at a time. csv-parse turns a whole chunk into records at once, whatever the
 * consumer asks for: with node's 64 KiB a file of order numbers has ~4,000 rows parsed ahead,
 * waiting for a free slot long enough to outlive the young generation and swell the heap.
 */
const READ_CHUNK = 4 * 1024;

/**
 * Stream the data rows of a batch CSV (UTF-8, BOM allowed, header row required).
 * Rows are yielded one at a time so a 10,000-row file costs no more memory than a
 * 1,000-row one. Unknown columns are refused: a column named `amount` instead of
 * `amount_fen` must never be silently ignored when money is at stake.
 */
export async function* readCsvRows(file: string, columns: readonly ColumnSpec[]): AsyncGenerator<CsvRow> {
  const { parse } = await import('csv-parse');
  const input = createReadStream(file, { highWaterMark: READ_CHUNK });
  const opened = new Promise<void>((resolve, reject) => {
    input.once('open', () => resolve());
    input.once('error', reject);
  });
  try {
    await opened;
  } catch (err) {
    throw new UsageError(
      `${file}: cannot read the batch file (${(err as NodeJS.ErrnoException).code ?? err})`,
      {
        code: 'BATCH_FILE',
      },
    );
  }
  const parser = input.pipe(
    parse({ bom: true, trim: true, skip_empty_lines: true, info: true, relax_column_count: true }),
  );
  const name = basename(file);
  let header: string[] | undefined;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const { record, info } = item;
      if (!header) {
        header = checkHeader(name, info.lines, record, columns);
        continue;
      }
      if (record.length > header.length) {
        throw new UsageError(`${name}:${info.lines}: ${record.length} values for ${header.length} columns`, {
          code: 'BATCH_ROW',
        });
      }
      const values: Record<string, string> = {};
      header.forEach((col, i) => {
        values[col] = record[i] ?? '';
      });
      for (const c of columns) {
        if (c.required && !values[c.name]) {
          throw new UsageError(`${name}:${info.lines}: column ${c.name} is empty`, { code: 'BATCH_ROW' });
        }
      }
      yield { line: info.lines, values };
    }
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`${name}: not a valid CSV file (${(err as Error).message.split('\n')[0]})`, {
      code: 'BATCH_FILE',
    });
  } finally {
    input.destroy();
  }
  if (!header)
    throw new UsageError(`${name}: empty batch file (a header row is required)`, { code: 'BATCH_FILE' });
}

function checkHeader(name: string, line: number, record: string[], columns: readonly ColumnSpec[]): string[] {
  const header = record.map((h) => h.trim().toLowerCase());
  const known = new Set(columns.map((c) => c.name));
  const unknown = header.filter((h) => !known.has(h));
  const missing = columns.filter((c) => c.required && !header.includes(c.name)).map((c) => c.name);
  const expected = columns.map((c) => (c.required ? c.name : `[${c.name}]`)).join(',');
  if (unknown.length > 0 || missing.length > 0) {
    const what = [
      missing.length ? `missing column ${missing.join(', ')}` : '',
      unknown.length ? `unknown column ${unknown.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join('; ');
    throw new UsageError(`${name}:${line}: ${what} (expected header: ${expected})`, {
      code: 'BATCH_HEADER',
      hints: ['the first row must name the columns; amounts in batch files are integer 分 (amount_fen)'],
    });
  }
  if (new Set(header).size !== header.length) {
    throw new UsageError(`${name}:${line}: a column is named twice`, { code: 'BATCH_HEADER' });
  }
  return header;
}

/** An integer 分 amount from a batch cell, or a usage error naming the file, line and column. */
export function cellFen(file: string, row: CsvRow, column: string): Fen {
  const text = row.values[column] ?? '';
  const fen = parseFen(text);
  if (fen === undefined || fen <= 0) {
    throw new UsageError(
      `${basename(file)}:${row.line}: ${column} '${text}' is not a positive integer amount in 分 (e.g. 180 for 1.80 元)`,
      { code: 'BATCH_ROW' },
    );
  }
  return fen;
}

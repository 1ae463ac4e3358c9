import { readFile } from 'node:fs/promises';
import { UsageError } from '../../core/errors.js';

/** Read all of stdin (for `--file -` or a piped message). */
export async function readStdin(stdin: NodeJS.ReadableStream = process.stdin): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/**
 * A message or field list from the first source given: an inline value, `--file <f>`
 * (`-` for stdin), or piped stdin. Nothing at all is a usage error naming the ways to give one.
 */
export async function readMessage(opts: {
  inline?: string;
  file?: string;
  what: string;
  stdinIsTTY?: boolean;
}): Promise<Buffer> {
  if (opts.inline !== undefined) return Buffer.from(opts.inline, 'utf8');
  if (opts.file === '-') return readStdin();
  if (opts.file) {
    try {
      return await readFile(opts.file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new UsageError(
        `${opts.file}: ${code === 'ENOENT' ? 'file not found' : `cannot read (${code})`}`,
        {
          code: 'INPUT',
        },
      );
    }
  }
  if (!(opts.stdinIsTTY ?? process.stdin.isTTY)) {
    const piped = await readStdin();
    if (piped.length > 0) return piped;
  }
  throw new UsageError(`no ${opts.what}: give it as an argument, with --file <f>, or on stdin`, {
    code: 'INPUT',
  });
}

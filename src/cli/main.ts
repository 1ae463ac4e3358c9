import { readFileSync } from 'node:fs';
import { runCommand } from './run.js';

/**
 * The entry point: the only place that decides the process's exit code.
 * Commands return results or throw ImpError; {@link runCommand} prints and reports, this file exits.
 */
function readVersion(): string {
  try {
    return String(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version);
  } catch {
    return '0.0.0';
  }
}

// `imp journal | head`: a reader that goes away ends the output, it is no error (and must not
// stop a command half-way, say between a refund's journal line and its request)
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
}

// no top-level await: a command's own bundle is CommonJS (src/cli/code-cache.ts says why)
void runCommand(process.argv.slice(2), { version: readVersion() }).then(({ exitCode }) => {
  process.exitCode = exitCode;
});

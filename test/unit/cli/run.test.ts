import { describe, expect, it } from 'vitest';
import { runCommand } from '../../../src/cli/run.js';
import { sink } from '../../helpers/sink.js';

/** `imp <argv>` in this process, everything it writes captured. */
async function imp(argv: string[]) {
  const stdout = sink();
  const stderr = sink();
  const r = await runCommand(argv, {
    version: '9.9.9-test',
    env: { NO_COLOR: '1', LANG: 'en_US.UTF-8' },
    streams: { stdout: stdout.stream, stderr: stderr.stream, stdin: { isTTY: false } },
  });
  return { ...r, stdout: stdout.text(), stderr: stderr.text() };
}

// runCommand is how main.ts, imp demo and the in-process tests run a command line: the same
// commander program, rendering and error report, onto the streams it is given.
describe('runCommand', () => {
  it('runs a command and renders it on the given stdout; the result document comes back too', async () => {
    const r = await imp(['fields', 'close']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('orderno');
    expect(r.json).toBeDefined();
    expect(r.stderr).toBe('');
  });

  it('--json writes the one document the command built', async () => {
    const r = await imp(['--json', 'fields']);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(r.json);
  });

  it('a usage error is exit 2, reported on the given stderr with the hint', async () => {
    const r = await imp(['fields', 'close', '--bogus']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("unknown option '--bogus'");
    expect(r.stderr).toContain('run imp fields --help');
    expect(r.stdout).toBe('');
  });

  it('an ImpError is its exit code and one line; under --json one failure document', async () => {
    const plain = await imp(['fields', 'nosuchtxn']);
    expect(plain.exitCode).toBe(2);
    expect(plain.stderr).toMatch(/^error: .*nosuchtxn/);
    expect(plain.error).toBeInstanceOf(Error);
    const json = await imp(['--json', 'fields', 'nosuchtxn']);
    expect(json.exitCode).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, exitCode: 2 });
  });

  it('help and the version go to the given stdout, exit 0', async () => {
    const help = await imp(['--help']);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain('Usage: imp');
    expect(help.stdout).toContain('Exit codes');
    const version = await imp(['--version']);
    expect(version.stdout.trim()).toBe('9.9.9-test');
  });
});

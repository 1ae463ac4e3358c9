import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../../src/cli/program.js';
import { FLAG_GLOBALS, ROUTES, routeOf, VALUED_GLOBALS } from '../../../src/cli/route.js';

const program = buildProgram('0.0.0', async () => {});

// bin/imp.js starts a command from its own bundle only when the line's command is certain; any
// doubt starts the whole CLI, which runs every line.
describe('routeOf', () => {
  it('finds the command after global options, with or without their values', () => {
    expect(routeOf(['query', 'X1'])).toBe('query');
    expect(routeOf(['-c', '/tmp/c.json', '-p', 'prod', 'refund', 'X1', '--amount', '1'])).toBe('refund');
    expect(routeOf(['--config=/tmp/c.json', '--json', '-y', '--no-input', 'recon', 'check', 'f'])).toBe(
      'recon',
    );
    expect(routeOf(['--lang', 'zh', '--verbose', '--debug', 'close', 'X1'])).toBe('close');
    expect(routeOf(['query', '--help'])).toBe('query');
  });

  it('a global value that names a command is a value, not the command', () => {
    expect(routeOf(['-p', 'query', 'refund', 'X1'])).toBe('refund');
  });

  it('a line that runs no command (help, the version) is the help bundle', () => {
    for (const argv of [
      [],
      ['--help'],
      ['-h'],
      ['--version'],
      ['-V'],
      ['help', 'query'],
      ['-p', 'x', '--json'],
    ]) {
      expect(routeOf(argv), argv.join(' ')).toBe('help');
    }
  });

  it('starts the whole CLI when unsure or when the line needs all commands', () => {
    for (const argv of [
      ['demo'],
      ['qeury', 'X1'],
      ['-yc', 'c.json', 'query'],
      ['-p', '--json', 'query'],
      ['-p'],
      ['--bogus', 'query'],
    ]) {
      expect(routeOf(argv), argv.join(' ')).toBeUndefined();
    }
  });
});

describe('the route tables', () => {
  it('know every global option of the program, by whether it takes a value', () => {
    const valued: string[] = [];
    const flags: string[] = [];
    for (const o of program.options) {
      if (o.long === '--version' || o.long === '--help') continue;
      const names = [o.short, o.long].filter((n): n is string => n !== undefined);
      (o.required || o.optional ? valued : flags).push(...names);
    }
    expect(new Set(valued)).toEqual(VALUED_GLOBALS);
    expect(new Set(flags)).toEqual(FLAG_GLOBALS);
  });

  it('give every top-level command a bundle, except demo (it runs other lines), and help one', () => {
    const names = program.commands.map((c) => c.name()).filter((n) => n !== 'demo');
    expect(Object.keys(ROUTES).sort()).toEqual([...names, 'help'].sort());
    expect(ROUTES.help).toEqual([]);
  });
});

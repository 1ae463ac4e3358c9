import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMP_BIN, runImp } from '../helpers/cli.js';

let dir: string;
const scripts: Record<string, string> = {};
let topCommands: string[] = [];

const has = (shell: string) => spawnSync('sh', ['-c', `command -v ${shell}`]).status === 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'imp-e2e-completion-'));
  for (const shell of ['bash', 'zsh', 'fish']) {
    const r = await runImp(['completion', shell]);
    expect(r.code).toBe(0);
    scripts[shell] = r.stdout;
  }
  const help = await runImp(['--help']);
  topCommands = [...help.stdout.split('Commands:')[1]!.matchAll(/^ {2}([a-z]+)/gm)].map((m) => m[1]!);
  // the generated scripts call `imp`: put the built CLI on PATH under that name
  writeFileSync(join(dir, 'imp'), `#!/bin/sh\nexec "${process.execPath}" "${IMP_BIN}" "$@"\n`);
  chmodSync(join(dir, 'imp'), 0o755);
  writeFileSync(
    join(dir, 'imp.config.json'),
    JSON.stringify({ defaultProfile: 'live', profiles: { live: {}, 'staging-2': {} } }),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const shellEnv = () => ({
  PATH: `${dir}:${process.env.PATH}`,
  HOME: dir,
  IMP_CONFIG: '',
  XDG_CONFIG_HOME: join(dir, 'x'),
});

/** Run the bash completion function for a command line whose last word is being completed. */
function complete(...words: string[]): string[] {
  const script = join(dir, 'imp.bash');
  writeFileSync(script, scripts.bash!);
  const program = `source ${script}; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _imp; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const out = execFileSync('bash', ['-c', program], {
    cwd: dir,
    env: shellEnv(),
    encoding: 'utf8',
  });
  return out.split('\n').filter(Boolean);
}

describe('imp completion', () => {
  it('covers every command and the global flags in every shell', () => {
    expect(topCommands).toEqual(
      expect.arrayContaining(['sign', 'config', 'pay', 'refund', 'recon', 'sandbox']),
    );
    for (const shell of ['bash', 'zsh', 'fish']) {
      const s = scripts[shell]!;
      for (const cmd of topCommands) expect(s, `${shell}: ${cmd}`).toContain(cmd);
      for (const flag of [
        '--config',
        '--profile',
        '--json',
        '--no-input',
        '--sandbox-data',
        '--accept-new-host-key',
      ]) {
        expect(s, `${shell}: ${flag}`).toContain(shell === 'fish' ? `-l ${flag.slice(2)}` : flag);
      }
    }
  });

  it('writes a bash script that parses and completes commands, flags, values and profiles', () => {
    const check = spawnSync('bash', ['-n'], { input: scripts.bash });
    expect(check.status, check.stderr?.toString()).toBe(0);
    expect(complete('imp', '')).toEqual(expect.arrayContaining(topCommands));
    expect(complete('imp', 'config', '')).toEqual(
      expect.arrayContaining(['init', 'show', 'doctor', 'profiles']),
    );
    expect(complete('imp', 'config', 'init', '--sand')).toEqual([
      '--sandbox',
      '--sandbox-data',
      '--sandbox-url',
    ]);
    expect(complete('imp', '--lang', '')).toEqual(['zh', 'en']);
    expect(complete('imp', 'pay', '--channel', '')).toEqual(['pc', 'wap']);
    expect(complete('imp', 'completion', '')).toEqual(['bash', 'zsh', 'fish']);
    expect(complete('imp', 'fields', 're')).toEqual(['refund', 'refundquery']);
    // an option's value is not mistaken for a command
    expect(complete('imp', '--config', 'x.json', 'con')).toEqual(['config']);
    expect(complete('imp', '-p', '')).toEqual(['live', 'staging-2']);
    expect(complete('imp', 'refund', '--profile', 'st')).toEqual(['staging-2']);
  });

  it('writes zsh and fish scripts that their shells accept', () => {
    expect(scripts.zsh).toMatch(/^#compdef imp\n/);
    expect(scripts.fish).toContain(
      "complete -c imp -s p -l profile -x -a '(command imp config profiles 2>/dev/null)'",
    );
    writeFileSync(join(dir, '_imp'), scripts.zsh!);
    writeFileSync(join(dir, 'imp.fish'), scripts.fish!);
    if (has('zsh')) expect(spawnSync('zsh', ['-n', join(dir, '_imp')]).status).toBe(0);
    if (has('fish')) expect(spawnSync('fish', ['-n', join(dir, 'imp.fish')]).status).toBe(0);
  });

  it.skipIf(!has('zsh'))('completes in zsh (completion system stubbed: _imp decides what is offered)', () => {
    writeFileSync(join(dir, '_imp'), scripts.zsh!);
    // outside a completion widget compadd/_describe do not exist: record what _imp hands them
    const harness = `compdef() { :; }
source ${join(dir, '_imp')}
_describe() { local n=\${@[-1]}; print -l -- \${\${(P)n}%%:*}; }
compadd() { [[ $1 == -a ]] && print -l -- \${(P)2} || print -l -- "\${@:#-*}"; }
_files() { print FILES; }
t() { words=("$@"); CURRENT=$#; _imp | tr '\\n' ' '; print; }
t imp config ''
t imp --lang ''
t imp -c x.json pay --channel ''
t imp -p ''
t imp recon fetch --out ''
`;
    const out = execFileSync('zsh', ['-f', '-c', harness], { cwd: dir, env: shellEnv(), encoding: 'utf8' });
    expect(out.split('\n').map((l) => l.trim())).toEqual([
      'init show doctor probe profiles help',
      'zh en',
      'pc wap',
      'live staging-2',
      'FILES',
      '',
    ]);
  });

  it.skipIf(!has('fish'))('completes in fish', () => {
    writeFileSync(join(dir, 'imp.fish'), scripts.fish!);
    const ask = (line: string) =>
      execFileSync('fish', ['--no-config', '-c', `source ${join(dir, 'imp.fish')}; complete -C '${line}'`], {
        cwd: dir,
        env: shellEnv(),
        encoding: 'utf8',
      })
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('\t')[0]);
    expect(ask('imp config ')).toEqual(expect.arrayContaining(['init', 'show', 'doctor', 'profiles']));
    expect(ask('imp -p ')).toEqual(['live', 'staging-2']);
    expect(ask('imp verify --as ')).toEqual(['merchant', 'platform']);
    expect(ask('imp --config x.json config init --sand')).toEqual([
      '--sandbox',
      '--sandbox-data',
      '--sandbox-url',
    ]);
  });

  it('refuses an unknown shell with exit 2', async () => {
    const r = await runImp(['completion', 'tcsh']);
    expect(r.code).toBe(2);
  });
});

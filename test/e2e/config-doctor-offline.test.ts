import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

// `config doctor` stays offline. A profile whose baseUrl is dead (the sandbox stopped) still
// passes its checks, so the last line must say what was not checked and name `imp config probe`.
let sb: TestSandbox;
beforeAll(async () => {
  sb = await startTestSandbox();
  await sb.sandbox.close();
});
afterAll(async () => {
  await sb?.close();
});

describe('config doctor on a dead baseUrl', () => {
  it('does not claim "all checks passed"; its last line names what it did not check and imp config probe', async () => {
    const r = await sb.runCli(['-c', 'imp.config.json', 'config', 'doctor'], { env: { IMP_CONFIG: '' } });
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('all checks passed');
    const lines = r.stderr.trim().split('\n');
    expect(lines.at(-2)).toMatch(/^all offline checks passed/);
    expect(lines.at(-1)).toMatch(/^not checked \(offline\): whether baseUrl answers/);
    expect(lines.at(-1)).toContain(`imp -c ${sb.configPath} -p sandbox config probe`);
  });

  it('--json lists what was not checked and the probe command', async () => {
    const r = await sb.runCli(['--json', 'config', 'doctor']);
    const doc = JSON.parse(r.stdout);
    expect(doc.ok).toBe(true);
    expect(doc.notChecked).toContain('baseUrl answers');
    expect(doc.probe).toBe(`imp -c ${sb.configPath} -p sandbox config probe`);
  });

  it('--lang zh', async () => {
    const r = await sb.runCli(['--lang', 'zh', 'config', 'doctor']);
    expect(r.stderr.trim().split('\n').at(-1)).toMatch(
      /^未检查（不联网）：.*imp -c \S+ -p sandbox config probe$/,
    );
  });
});

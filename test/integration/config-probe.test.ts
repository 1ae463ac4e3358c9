import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DIALECT, type Dialect, parseDialect } from '../../src/protocol/dialect.js';
import { callSandbox, qrOrder, startTestSandbox, type TestSandbox } from '../helpers/sandbox.js';

// Every value of every setting appears in at least one of these.
const DIALECTS = [
  'default',
  'signType=include,answerApikey=always,digest=sha256-hex',
  'answerEmptyFields=omit',
  'emptyFields=keep',
  'answerApikey=never',
];

const dialect = (text: string): Dialect => {
  const p = parseDialect(text);
  if ('problem' in p) throw new Error(p.problem);
  return p.dialect;
};

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox({ dialect: DEFAULT_DIALECT, sftpPort: 0 });
}, 60_000);
afterAll(async () => {
  await t?.close();
});

/** The config file with the profile back on the default reading, indented with tabs, mode 600. */
function resetProfile(): void {
  const config = JSON.parse(readFileSync(t.configPath, 'utf8'));
  config.profiles.sandbox.signature = { sendCertid: false };
  writeFileSync(t.configPath, `${JSON.stringify(config, null, '\t')}\n`);
  chmodSync(t.configPath, 0o600);
}

describe('imp config probe', () => {
  for (const text of DIALECTS) {
    it(`detects a platform speaking ${text}, and --write stores it`, async () => {
      await t.restart({ dialect: dialect(text) });
      resetProfile();
      const paid = await callSandbox(t.sandbox, 'qrcode', qrOrder(1001));
      expect(paid.valid).toBe(true);
      const orderno = paid.request.orderno!;
      const first = await t.runCli(['--json', 'config', 'probe', '--order', orderno]);
      const doc = JSON.parse(first.stdout);
      expect(doc.signature, first.stdout).toEqual(dialectDiffText(text));
      expect(first.code, first.stdout).toBe(text === 'default' ? 0 : 4);
      expect(doc.checks.filter((c: { level: string }) => c.level === 'info')).toEqual([]);

      const w = await t.runCli(['config', 'probe', '--order', orderno, '--write']);
      expect(w.code, w.stdout + w.stderr).toBe(0);
      const raw = readFileSync(t.configPath, 'utf8');
      expect(raw).toMatch(/^\t"defaultProfile"/m);
      expect(statSync(t.configPath).mode & 0o777).toBe(0o600);
      const written = JSON.parse(raw).profiles.sandbox.signature;
      expect(written).toEqual({ sendCertid: false, ...dialect(text) });
      const again = await t.runCli(['config', 'probe']);
      expect(again.code, again.stdout).toBe(0);
      expect(again.stdout).toContain("the profile's signature dialect agrees with the platform");
      expect(again.stdout).toMatch(/sftp: SFTP 127\.0\.0\.1:\d+ reachable, host key matches the pin/);
    }, 60_000);
  }

  it('says what it cannot decide without --order, and reports a wrong host key pin and a dead host', async () => {
    await t.restart({ dialect: dialect('answerApikey=never') });
    resetProfile();
    const r = await t.runCli(['config', 'probe']);
    expect(r.stdout).toContain('cannot decide signature.answerApikey');
    expect(r.stdout).toContain('needs --order <a known, paid order>');

    const config = JSON.parse(readFileSync(t.configPath, 'utf8'));
    config.profiles.sandbox.signature = {};
    config.profiles.sandbox.sftp.hostKey = 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    writeFileSync(t.configPath, JSON.stringify(config));
    const pin = await t.runCli(['config', 'probe']);
    expect(pin.code).toBe(4);
    expect(pin.stdout).toMatch(
      /✖ sftp: SFTP 127\.0\.0\.1:\d+ shows host key SHA256:\S+, not the pinned SHA256:A+/,
    );

    config.profiles.sandbox.baseUrl = 'http://127.0.0.1:9/pos/';
    writeFileSync(t.configPath, JSON.stringify(config));
    const dead = await t.runCli(['config', 'probe']);
    expect(dead.code).toBe(7);
    expect(dead.stdout).toContain('✖ tcp: cannot connect to 127.0.0.1:9 (ECONNREFUSED)');
  }, 60_000);
});

/** What `--json` reports as the platform's signature block: the settings that differ from the default. */
function dialectDiffText(text: string): Record<string, string> {
  if (text === 'default') return {};
  return Object.fromEntries(text.split(',').map((kv) => kv.split('=') as [string, string]));
}

describe('imp config doctor', () => {
  it('stays offline, and its last line says what it did not check and names config probe with -c', async () => {
    const r = await t.runCli(['-c', t.configPath, 'config', 'doctor'], { env: { IMP_CONFIG: '' } });
    const last = r.stderr.trim().split('\n').at(-1);
    expect(last).toMatch(/^not checked \(offline\): whether baseUrl answers, TLS, the signature dialect/);
    expect(last).toContain(`imp -c ${t.configPath} -p sandbox config probe`);
  });
});

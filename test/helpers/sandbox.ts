import { createPrivateKey, createPublicKey } from 'node:crypto';
import { promises as fsp, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CATALOGUE } from '../../src/catalogue/index.js';
import type { TxnName } from '../../src/catalogue/types.js';
import { sandboxProfile } from '../../src/config/sandbox-profile.js';
import { buildRequest } from '../../src/protocol/build-request.js';
import { encodeForm, parseAnswer } from '../../src/protocol/codec.js';
import { DEFAULT_DIALECT, type Dialect, parseDialect } from '../../src/protocol/dialect.js';
import { generateOrderNo } from '../../src/protocol/ids.js';
import { type Fields, signRequest, verifyResponse } from '../../src/protocol/signer.js';
import { type SandboxHandle, type SandboxOptions, startSandbox } from '../../src/sandbox/index.js';
import { type CliRun, runImp } from './cli.js';

/** A sandbox on free loopback ports in a temp dir, with a config file whose `sandbox` profile points at it. */
export interface TestSandbox {
  sandbox: SandboxHandle;
  baseUrl: string;
  /** The temp dir holding everything (the sandbox's data is `<root>/data`). */
  root: string;
  dataDir: string;
  /** `<root>/imp.config.json`, defaultProfile `sandbox`. */
  configPath: string;
  /** IMP_CONFIG and IMP_PROFILE for a spawned `imp`. */
  env: NodeJS.ProcessEnv;
  /** Spawn the built `bin/imp.js` against this sandbox (cwd = root). */
  runCli(
    args: string[],
    opts?: { env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number },
  ): Promise<CliRun>;
  /** Stop the sandbox (state flushed) and start it again on the same data dir and ports. */
  restart(more?: Partial<SandboxOptions>): Promise<SandboxHandle>;
  close(): Promise<void>;
}

/**
 * `IMP_TEST_DIALECT=signType=include,…` runs every sandbox test under that dialect (the profile
 * written follows it); test/integration/dialects.test.ts runs each dialect once over every transaction.
 */
function envDialect(): Dialect | undefined {
  const text = process.env.IMP_TEST_DIALECT;
  if (!text) return undefined;
  const parsed = parseDialect(text);
  if ('problem' in parsed) throw new Error(`IMP_TEST_DIALECT: ${parsed.problem}`);
  return parsed.dialect;
}

/** The dialect a sandbox speaks, from its descriptor. */
export function sandboxDialectOf(sb: Pick<SandboxHandle, 'descriptor'>): Dialect {
  return { ...DEFAULT_DIALECT, ...sb.descriptor.signature };
}

/** Options: any sandbox option, plus `profile` to change or add profile keys (e.g. notifyUrl). */
export type TestSandboxOptions = Partial<SandboxOptions> & {
  profile?: Record<string, unknown>;
  /** Keep the temp dir after close (debugging). */
  keep?: boolean;
};

/**
 * Start an in-process sandbox for a test (fast retries, 1 s auto-pay, no SFTP unless
 * `sftpPort` is given) and write `<root>/imp.config.json` with a `sandbox` profile.
 */
export async function startTestSandbox(opts: TestSandboxOptions = {}): Promise<TestSandbox> {
  const { profile: extra, keep, ...sandboxOpts } = opts;
  const root = mkdtempSync(path.join(tmpdir(), 'imp-sandbox-'));
  const dataDir = path.join(root, 'data');
  const options: SandboxOptions = {
    dataDir,
    fast: true,
    autoPayAfterMs: 1000,
    sftpPort: false,
    publishRecon: false,
    dialect: envDialect(),
    ...sandboxOpts,
  };
  let sandbox = await startSandbox(options);
  const configPath = path.join(root, 'imp.config.json');
  const profile = {
    ...sandboxProfile(dataDir, root, sandbox.baseUrl),
    http: { timeoutMs: 5000 },
    ...extra,
  };
  const config = { defaultProfile: 'sandbox', profiles: { sandbox: profile } };
  await fsp.writeFile(configPath, `${JSON.stringify(config, null, 2)}\n`);
  const env = { IMP_CONFIG: configPath, IMP_PROFILE: 'sandbox' };
  const t: TestSandbox = {
    get sandbox() {
      return sandbox;
    },
    baseUrl: sandbox.baseUrl,
    root,
    dataDir,
    configPath,
    env,
    runCli: (args, o = {}) =>
      runImp(args, { cwd: root, input: o.input, timeoutMs: o.timeoutMs, env: { ...env, ...o.env } }),
    async restart(more = {}) {
      await sandbox.close();
      sandbox = await startSandbox({
        ...options,
        port: sandbox.port,
        ...(sandbox.sftp ? { sftpPort: sandbox.sftp.port } : {}),
        ...more,
      });
      return sandbox;
    },
    async close() {
      await sandbox.close();
      if (!keep) rmSync(root, { recursive: true, force: true });
    },
  };
  return t;
}

/** What {@link qrOrder} gives: the named fields, and any others `more` added. */
export type QrOrderFields = Record<string, string> &
  Record<'orderno' | 'amt_trans' | 'ordertitle' | 'orderdesc' | 'return_url' | 'notify_url', string>;

/**
 * The fields of a qrcode (主扫) order for {@link callSandbox}: the amount (分) picks the
 * sandbox's trigger (…01 paid at once, …02 stays awaiting payment); `more` adds or overrides.
 */
export function qrOrder(amount: number, more: Record<string, string> = {}): QrOrderFields {
  return {
    orderno: generateOrderNo(),
    amt_trans: String(amount),
    ordertitle: 'test',
    orderdesc: 'test order',
    return_url: 'http://127.0.0.1:9/return',
    notify_url: 'http://127.0.0.1:9/notify',
    channel_type: '07',
    confflag: '9',
    ...more,
  };
}

/** What {@link callSandbox} needs of a sandbox: a handle, or the same facts read from a spawned one's sandbox.json. */
export type SandboxLike = Pick<SandboxHandle, 'baseUrl' | 'dataDir' | 'descriptor'> & {
  identity: { busino: string; apikey: string; certid: string };
};

/** What {@link callSandbox} got back. */
export interface SandboxCall {
  status: number;
  text: string;
  /** Parsed answer fields (empty when the body is not an answer). */
  fields: Fields;
  /** Did the answer verify with the platform public key under the response rules? */
  valid: boolean;
  /** The request as sent (signed). */
  request: Fields;
}

/**
 * Send one transaction to the sandbox as a merchant would: header from the catalogue,
 * signed with the sandbox's merchant key and apikey, posted with fetch. `tamper`
 * changes the signed fields before sending (bad-signature tests); `rawFields` skips building.
 */
export async function callSandbox(
  sb: SandboxLike,
  txn: TxnName,
  fields: Record<string, string>,
  opts: { tamper?: (f: Fields) => void; build?: boolean; apikey?: string; timeoutMs?: number } = {},
): Promise<SandboxCall> {
  const def = CATALOGUE[txn];
  const built =
    opts.build === false ? { ...fields } : buildRequest(def, { busino: sb.identity.busino }, fields);
  const key = createPrivateKey(await fsp.readFile(path.join(sb.dataDir, sb.descriptor.merchantKey)));
  const dialect = sandboxDialectOf(sb);
  const signed = signRequest(built, opts.apikey ?? sb.identity.apikey, key, dialect).fields;
  opts.tamper?.(signed);
  const res = await fetch(sb.baseUrl + def.path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: encodeForm(signed),
    signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
  });
  const text = await res.text();
  let parsed: Fields = {};
  try {
    parsed = parseAnswer(text);
  } catch {
    parsed = {};
  }
  const platform = createPublicKey(await fsp.readFile(path.join(sb.dataDir, sb.descriptor.platformKey)));
  const valid =
    !!parsed.sign &&
    verifyResponse(
      parsed,
      sb.identity.apikey,
      [{ key: platform, certid: sb.identity.certid, source: 'platform' }],
      dialect,
    ).valid;
  return { status: res.status, text, fields: parsed, valid, request: signed };
}

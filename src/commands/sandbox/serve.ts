import path from 'node:path';
import type { CommandInput, CommandRun } from '../../cli/kit/command.js';
import { parsePort } from '../../cli/kit/flags.js';
import { waitForInterrupt } from '../../cli/kit/signals.js';
import { UsageError } from '../../core/errors.js';
import { isLoopback } from '../../core/loopback.js';
import { mask } from '../../core/mask.js';
import { t } from '../../output/i18n.js';
import type { Output } from '../../output/output.js';

function rate(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d*\.?\d+$/.test(String(text)) || n < 0 || n > 1)
    throw new UsageError(`--${name}: '${text}' is not a number between 0 and 1`);
  return n;
}

function millis(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{1,5}$/.test(String(text)) || Number(text) > 60_000) {
    throw new UsageError(`--${name}: '${text}' is not a number of milliseconds between 0 and 60000`);
  }
  return Number(text);
}

async function dialectFlag(text: string | undefined) {
  if (text === undefined) return undefined;
  const { parseDialect } = await import('../../protocol/dialect.js');
  const parsed = parseDialect(String(text));
  if ('problem' in parsed) throw new UsageError(`--dialect: ${parsed.problem}`);
  return parsed.dialect;
}

/** `imp sandbox`: the platform simulator in the foreground until Ctrl-C. */
export const run: CommandRun = async (ctx, { opts }) => {
  const options = await serveOptions(ctx.cwd, opts);
  const sb = await start(options);
  const out = ctx.out;
  if (out.json) out.writeJson({ ok: true, ...sandboxInfo(sb) });
  else printStarted(out, sb, ctx.cwd);
  if (!isLoopback(options.host)) {
    out.warn(
      out.t(
        t(
          `监听非回环地址 ${options.host}：其他机器也能访问`,
          `listening on ${options.host}, not loopback: other machines can reach it`,
        ),
      ),
    );
  }
  await waitForInterrupt();
  await sb.close();
  return { render: (o) => o.note(o.t(t('沙箱已停止，状态已保存', 'sandbox stopped, state saved'))) };
};

/** The sandbox's options from the flags, each checked (exit 2 naming the flag). */
async function serveOptions(cwd: string, opts: CommandInput['opts']) {
  const options = {
    dataDir: path.resolve(cwd, opts.data ?? '.imp-sandbox'),
    host: opts.host ?? '127.0.0.1',
    port: parsePort('port', opts.port, 8450),
    sftpPort: parsePort('sftp-port', opts.sftpPort, 8451),
    fast: !!opts.fast,
    latencyMs: millis('latency', opts.latency),
    dropRate: rate('drop-rate', opts.dropRate),
    errorRate: rate('error-rate', opts.errorRate),
    badSignRate: rate('bad-sign-rate', opts.badSignRate),
    allowRemoteNotify: !!opts.allowRemoteNotify,
    utf8: !!opts.utf8,
    aes: !!opts.aes,
    feeRate: String(opts.feeRate ?? '0.006'),
    summary: opts.summary === 'gross' ? ('gross' as const) : ('net' as const),
    dialect: await dialectFlag(opts.dialect),
  };
  const { parseFeeRate } = await import('../../sandbox/recon-files.js');
  try {
    parseFeeRate(options.feeRate);
  } catch {
    throw new UsageError(
      `--fee-rate: '${options.feeRate}' is not a rate between 0 and 1 (at most 6 decimals)`,
    );
  }
  return options;
}

type ServeOptions = Awaited<ReturnType<typeof serveOptions>>;
type Sandbox = Awaited<ReturnType<typeof start>>;

/** Start it; a port in use or a host not of this machine is the operator's to fix (exit 2). */
async function start(options: ServeOptions) {
  const { startSandbox } = await import('../../sandbox/index.js');
  return startSandbox(options).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE')
      throw new UsageError(
        `a port is already in use (--port ${options.port} / --sftp-port ${options.sftpPort})`,
      );
    if (err.code === 'EADDRNOTAVAIL')
      throw new UsageError(`--host ${options.host}: not an address of this machine`);
    throw err;
  });
}

/** What `--json` prints: where everything is, absolute paths, no secret. */
function sandboxInfo(sb: Sandbox) {
  const d = sb.descriptor;
  return {
    baseUrl: sb.baseUrl,
    busino: d.busino,
    certid: d.certid,
    signature: d.signature,
    dataDir: sb.dataDir,
    apikeyFile: path.join(sb.dataDir, d.apikeyFile),
    merchantKey: path.join(sb.dataDir, d.merchantKey),
    platformKey: path.join(sb.dataDir, d.platformKey),
    sftp: sb.sftp && {
      host: sb.sftp.host,
      port: sb.sftp.port,
      username: sb.sftp.username,
      passwordFile: path.join(sb.dataDir, d.sftp?.passwordFile ?? ''),
      hostKey: sb.sftp.hostKey,
      zipPasswordFile: path.join(sb.dataDir, d.sftp?.zipPasswordFile ?? ''),
    },
  };
}

/** The lines an operator reads: the URL, the identity (apikey masked), where the files are, what next. */
function printStarted(out: Output, sb: Sandbox, cwd: string): void {
  const rel = (p: string) => path.relative(cwd, path.join(sb.dataDir, p)) || '.';
  const d = sb.descriptor;
  {
    const L = (zh: string, en: string) => out.t(t(zh, en));
    out.print(`${L('IMP 沙箱已启动', 'IMP sandbox running')}: ${sb.baseUrl}`);
    out.print(`  busino      ${d.busino}`);
    out.print(`  certid      ${d.certid}`);
    out.print(`  ${L('签名方言', 'dialect').padEnd(10)}  ${sb.dialectText}`);
    out.print(`  apikey      ${mask(sb.identity.apikey)}  (${L('见', 'in')} ${rel(d.apikeyFile)})`);
    out.print(`  ${L('商户私钥', 'merchant key').padEnd(10)}  ${rel(d.merchantKey)}`);
    out.print(`  ${L('平台公钥', 'platform key').padEnd(10)}  ${rel(d.platformKey)}`);
    if (sb.sftp) {
      out.print(
        `  sftp        ${sb.sftp.username}@${sb.sftp.host}:${sb.sftp.port}  (${L('密码见', 'password in')} ${rel(d.sftp?.passwordFile ?? '')})`,
      );
      out.print(`  host key    ${sb.sftp.hostKey}`);
      out.print(`  zip         ${L('密码见', 'password in')} ${rel(d.sftp?.zipPasswordFile ?? '')}`);
    }
    out.print(`  ${L('状态与密钥', 'state and keys')}: ${rel('.')}`);
    out.print('');
    out.print(`${L('下一步', 'next')}: imp config init --sandbox --sandbox-data ${rel('.')}`);
    out.print(
      L(
        '测试触发金额见 imp sandbox triggers；Ctrl-C 结束',
        'test trigger amounts: imp sandbox triggers; Ctrl-C to stop',
      ),
    );
  }
}

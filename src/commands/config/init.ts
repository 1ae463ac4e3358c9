import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { CommandRun } from '../../cli/kit/command.js';
import type { Context } from '../../cli/kit/context.js';
import { ensureArgs, type Needed } from '../../cli/kit/prompt.js';
import { inspectProfile } from '../../config/load.js';
import { formatProblem } from '../../config/problems.js';
import { fileProblem } from '../../config/reader.js';
import { DEFAULT_SANDBOX_DATA, sandboxProfile } from '../../config/sandbox-profile.js';
import { CONFIG_FILE_NAME } from '../../config/schema.js';
import { addProfile, checkCanAdd, configRelative, isReference, storeSecret } from '../../config/write.js';
import { UsageError } from '../../core/errors.js';
import { t } from '../../output/i18n.js';
import { toned } from '../../output/style.js';

const TEST_URL = 'https://wxtest.jx-bank.com/pos/';

const urlProblem = (v: string): string | undefined => {
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:' ? undefined : `not an http(s) URL: ${v}`;
  } catch {
    return `not a URL: ${v}`;
  }
};

/** In the wizard a key file must exist (relative to the current directory); flags may name one not yet in place. */
const fileThere = (cwd: string) => (v: string) => fileProblem(resolve(cwd, v), v);

const needed = (cwd: string): readonly Needed[] => [
  { key: 'name', flag: '--name', message: t('配置名称', 'profile name'), default: 'default' },
  {
    key: 'baseUrl',
    flag: '--base-url',
    message: t('平台地址（以 /pos/ 结尾）', 'platform base URL (ends in /pos/)'),
    default: TEST_URL,
    validate: urlProblem,
  },
  { key: 'busino', flag: '--busino', message: t('商户号 busino', 'merchant number (busino)') },
  {
    key: 'apikey',
    flag: '--apikey',
    kind: 'password',
    message: t('apikey（或 env:变量名 / file:路径）', 'apikey (or env:NAME / file:path)'),
  },
  {
    key: 'merchantKey',
    flag: '--merchant-key',
    message: t('商户私钥文件（PEM/PKCS#12）', 'merchant private key file (PEM/PKCS#12)'),
    validate: fileThere(cwd),
  },
  {
    key: 'platformKey',
    flag: '--platform-key',
    message: t('平台公钥或证书文件', 'platform public key or certificate file'),
    validate: fileThere(cwd),
  },
];

function looksEncrypted(path: string): boolean {
  if (/\.(p12|pfx)$/i.test(path)) return true;
  try {
    return readFileSync(path, 'latin1').includes('ENCRYPTED');
  } catch {
    return false;
  }
}

/** The profile from flags or the wizard; inline secrets go to files, references are written as given. */
async function merchantProfile(ctx: Context, opts: Record<string, string | undefined>, file: string) {
  const configDir = dirname(file);
  const given = { ...opts, name: opts.name ?? ctx.global.profile ?? (ctx.canPrompt ? undefined : 'default') };
  const v = (await ensureArgs(ctx, given, needed(ctx.cwd))) as Record<string, string>;
  const bad = urlProblem(v.baseUrl!);
  if (bad) throw new UsageError(`--base-url: ${bad}`);
  const name = v.name!;
  checkCanAdd(file, name, !!opts.force);
  let password = v.merchantKeyPassword;
  if (password === undefined && ctx.canPrompt && looksEncrypted(resolve(ctx.cwd, v.merchantKey!))) {
    const asked = await ensureArgs(ctx, {}, [
      {
        key: 'pw',
        flag: '--merchant-key-password',
        kind: 'password',
        message: t('私钥密码（或 env:变量名 / file:路径）', 'key password (or env:NAME / file:path)'),
      },
    ]);
    password = String(asked.pw);
  }
  const stored: string[] = [];
  const secret = async (value: string, what: string) => {
    if (isReference(value)) return value;
    stored.push(`secrets/${name}.${what}`);
    return storeSecret(configDir, name, what, value);
  };
  const keyPath = configRelative(configDir, ctx.cwd, v.merchantKey!);
  const profile: Record<string, unknown> = {
    baseUrl: v.baseUrl,
    busino: v.busino,
    apikey: await secret(v.apikey!, 'apikey'),
    merchantKey: password ? { path: keyPath, password: await secret(password, 'key-password') } : keyPath,
    platformKeys: [
      { ...(v.certid ? { certid: v.certid } : {}), path: configRelative(configDir, ctx.cwd, v.platformKey!) },
    ],
    ...(v.notifyUrl ? { notifyUrl: v.notifyUrl } : {}),
  };
  return { name, profile, stored };
}

/** `imp config init`: write a profile from flags or the wizard, or a `sandbox` profile from a sandbox's data dir. */
export const run: CommandRun = async (ctx, { opts }) => {
  const file = resolve(ctx.cwd, opts.out ?? CONFIG_FILE_NAME);
  const configDir = dirname(file);
  let name: string;
  let profile: Record<string, unknown>;
  let stored: string[] = [];
  if (opts.sandbox) {
    if (opts.sandboxUrl) {
      const bad = urlProblem(opts.sandboxUrl);
      if (bad) throw new UsageError(`--sandbox-url: ${bad}`);
    }
    name = opts.name ?? 'sandbox';
    checkCanAdd(file, name, !!opts.force);
    const data = resolve(ctx.cwd, opts.sandboxData ?? DEFAULT_SANDBOX_DATA);
    profile = sandboxProfile(data, configDir, opts.sandboxUrl);
  } else {
    // refuse before asking anything when the name is already known; the wizard's name is checked once given
    const known = opts.name ?? ctx.global.profile ?? (ctx.canPrompt ? undefined : 'default');
    if (known) checkCanAdd(file, known, !!opts.force);
    ({ name, profile, stored } = await merchantProfile(ctx, opts, file));
  }
  const written = await addProfile(file, name, profile, { force: !!opts.force });
  // load what was written, so a key that is not there yet or an unset variable shows now
  const found = await inspectProfile({ configPath: file, profile: name, env: ctx.env, cwd: ctx.cwd });
  const problems = found.problems.map(formatProblem);
  return {
    json: { ok: true, config: file, profile: name, ...written, secretsStored: stored, problems },
    render(out) {
      const how = written.replaced ? t('已替换', 'replaced') : t('已写入', 'wrote');
      out.print(
        `${toned(out, 'ok', '✔')} ${out.t(how)} ${out.t(t('配置', 'profile'))} "${name}" → ${file}${written.madeDefault ? out.t(t('（默认配置）', ' (default profile)')) : ''}`,
      );
      for (const s of stored) {
        out.print(
          out.t(
            t(
              `  密钥已存入 ${s}（权限 600），请勿提交到版本库`,
              `  secret stored in ${s} (mode 600): keep it out of version control`,
            ),
          ),
        );
      }
      for (const p of problems) out.warn(p);
      const flag = written.madeDefault ? '' : ` -p ${name}`;
      out.print(out.t(t(`下一步：imp${flag} config doctor`, `next: imp${flag} config doctor`)));
    },
  };
};

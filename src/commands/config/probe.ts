import type { CommandRun } from '../../cli/kit/command.js';
import { profileDialect } from '../../config/signature.js';
import { readConfigObject, writeConfigFile } from '../../config/write.js';
import { ExitCode } from '../../core/exit-codes.js';
import { msg } from '../../core/message.js';
import { merchantPrivateKey, platformPublicKeys } from '../../keys/profile-keys.js';
import { probeText } from '../../output/messages/probe.js';
import type { Output } from '../../output/output.js';
import { toned } from '../../output/style.js';
import { checkDns, checkTcp, checkTls, endpoint } from '../../probe/network.js';
import { dialectChange, probePlatform, undecidedLines } from '../../probe/platform.js';
import { checkSftp } from '../../probe/sftp.js';
import { PROBE_EXIT, type ProbeCheck } from '../../probe/types.js';
import { dialectDiff } from '../../protocol/dialect.js';
import { signatureBlock } from '../../protocol/dialect-search.js';

const MARK: Record<ProbeCheck['level'], (out: Output) => string> = {
  ok: (out) => toned(out, 'ok', '✔'),
  warn: (out) => toned(out, 'pending', '⚠'),
  info: (out) => toned(out, 'pending', '?'),
  problem: (out) => toned(out, 'failed', '✖'),
};

/** The network checks of the platform's host; stops at the first that fails (the next ones cannot work). */
async function network(baseUrl: string, ca: string | undefined, timeoutMs: number): Promise<ProbeCheck[]> {
  const { host, port, tls } = endpoint(new URL(baseUrl));
  const out: ProbeCheck[] = [await checkDns(host)];
  if (out[0]!.level === 'problem') return out;
  out.push(await checkTcp(host, port, timeoutMs));
  if (out[1]!.level === 'problem' || !tls) return out;
  out.push(await checkTls(host, port, ca, timeoutMs));
  return out;
}

/** `imp config probe`: first contact with the platform (and the SFTP host); `--write` stores the dialect found. */
export const run: CommandRun = async (ctx, { opts }) => {
  const profile = await ctx.profile();
  const timeoutMs = profile.http.connectTimeoutMs;
  const checks = await network(profile.baseUrl, profile.http.ca, timeoutMs);
  const current = profileDialect(profile);
  let detected: ReturnType<typeof profileDialect> | undefined;
  let wrote = false;
  if (!checks.some((c) => c.level === 'problem')) {
    const keys = { merchant: await merchantPrivateKey(profile), platform: await platformPublicKeys(profile) };
    const p = await probePlatform(profile, keys, { order: opts.order });
    checks.push(...p.checks);
    detected = p.detected;
    if (detected) {
      checks.push(...undecidedLines(p.undecided, detected));
      const change = dialectChange(current, detected);
      if (opts.write) {
        const data = readConfigObject(profile.configPath, 'cannot store the signature block');
        const profiles = data.profiles as Record<string, Record<string, unknown>>;
        const target = profiles[profile.name]!;
        const kept = target.signature && typeof target.signature === 'object' ? target.signature : {};
        // keep what the block says beyond the dialect (sendCertid, certid, comments)
        target.signature = { ...(kept as object), ...detected };
        await writeConfigFile(profile.configPath, data);
        wrote = true;
        checks.push({
          name: 'dialect',
          level: 'ok',
          message: change
            ? msg('dialect-written', { path: profile.configPath, profile: profile.name, change })
            : msg('dialect-written-same', { path: profile.configPath, profile: profile.name }),
        });
      } else if (change) {
        checks.push({
          name: 'dialect',
          level: 'problem',
          exitCode: PROBE_EXIT.disagree,
          message: msg('dialect-differs', { change, block: signatureBlock(detected), profile: profile.name }),
        });
      } else {
        checks.push({
          name: 'dialect',
          level: 'ok',
          message: msg('dialect-agrees'),
        });
      }
    }
  }
  if (profile.sftp) checks.push(await checkSftp(profile.sftp, timeoutMs));
  const problems = checks.filter((c) => c.level === 'problem');
  const exitCode = problems[0]?.exitCode ?? ExitCode.ok;
  return {
    exitCode,
    json: {
      ok: problems.length === 0,
      checks: checks.map((c) => ({ name: c.name, level: c.level, message: ctx.out.t(probeText(c.message)) })),
      signature: detected ? dialectDiff(detected) : null,
      written: wrote,
    },
    render(out) {
      for (const c of checks) out.print(`${MARK[c.level](out)} ${c.name}: ${out.t(probeText(c.message))}`);
      out.note(
        out.t(
          probeText(
            problems.length
              ? msg('problems', { n: problems.length, s: problems.length === 1 ? '' : 's' })
              : msg('all-agree'),
          ),
        ),
      );
    },
  };
};

import type { CommandRun } from '../../cli/kit/command.js';
import { profileDialect } from '../../config/signature.js';
import { SignatureError, UsageError } from '../../core/errors.js';
import { ExitCode } from '../../core/exit-codes.js';
import { merchantPublicKey, platformPublicKeys } from '../../keys/profile-keys.js';
import type { PublicKeyEntry } from '../../keys/types.js';
import { shown } from '../../output/escape.js';
import { t } from '../../output/i18n.js';
import { verifyText } from '../../output/messages/verify.js';
import { paint, tick } from '../../output/style.js';
import { dialectAdvice } from '../../protocol/dialect-search.js';
import { explainVerify } from '../../protocol/verify-explain.js';
import { readMessage } from '../shared/message-input.js';

/** A key we can do without: the "other side" key only sharpens the diagnosis. */
async function optional(load: () => Promise<PublicKeyEntry[]>): Promise<PublicKeyEntry[]> {
  try {
    return await load();
  } catch {
    return [];
  }
}

export const run: CommandRun = async (ctx, { args, opts }) => {
  const raw = await readMessage({ inline: args[0], file: opts.file, what: 'message to verify' });
  const profile = await ctx.profile();
  const asMerchant = opts.as === 'merchant';
  const merchant = () => merchantPublicKey(profile).then((k) => [k]);
  const platform = () => platformPublicKeys(profile);
  const keys = asMerchant ? await merchant() : await platform();
  const otherKeys = await optional(asMerchant ? platform : merchant);
  const r = explainVerify({
    raw,
    apikey: profile.apikey,
    rule: asMerchant ? 'request' : 'response',
    keys,
    otherKeys,
    dialect: profileDialect(profile),
    profileName: profile.name,
  });
  if (r.ambiguous) {
    // a key twice (or a bad key, bad bytes): whichever value a reader picks, nothing of it is trusted
    throw new SignatureError(ctx.out.t(verifyText(r.diagnosis.at(-1)!)), { code: 'AMBIGUOUS_MESSAGE' });
  }
  if (!r.fields) {
    const last = r.diagnosis.at(-1);
    const why = last ? verifyText(last) : t('无法解析消息', 'cannot read the message');
    throw new UsageError(ctx.out.t(why), { code: 'MALFORMED_MESSAGE' });
  }
  const diagnosis = r.diagnosis.map((d) => ctx.out.t(verifyText(d)));
  const lines = diagnosis.map((d) => shown(d));
  return {
    exitCode: r.valid ? ExitCode.ok : ExitCode.signature,
    json: {
      valid: r.valid,
      variant: r.variant ?? null,
      certid: r.certid ?? null,
      canonical: r.canonical,
      diagnosis,
      dialect: r.dialect ? { settings: r.dialect.changes, undecided: r.dialect.undecided } : null,
      ...(opts.explain ? { tried: r.tried, keySource: r.keySource ?? null } : {}),
    },
    render(out) {
      const c = paint(out);
      const head = r.valid
        ? out.t(t('签名有效', 'signature valid'))
        : r.variant
          ? out.t(
              t(
                `签名无效（仅在变体 ${r.variant} 下通过）`,
                `signature invalid (verifies only as ${r.variant})`,
              ),
            )
          : out.t(t('签名无效', 'signature invalid'));
      const who = r.certid ? ` certid ${shown(r.certid)}` : r.keySource ? ` ${r.keySource}` : '';
      out.print(`${tick(out, r.valid)} ${head}${r.valid ? who : ''}`);
      if (opts.explain) {
        out.print(c.bold(out.t(t('尝试过的待签名串', 'canonical strings tried'))));
        for (const tr of r.tried) out.print(`  ${c.dim(`[${tr.variant}]`)}\n    ${shown(tr.canonical)}`);
        if (r.variant) {
          out.print(
            `${c.bold(out.t(t('通过的变体', 'verified as')))} ${r.variant}${who ? ` (${who.trim()})` : ''}`,
          );
        }
        for (const d of lines) out.print(`  - ${d}`);
      } else if (!r.valid) {
        if (r.dialect) {
          // another dialect verifies it: that is the cause, with the lines to set
          for (const d of dialectAdvice(r.dialect, profile.name)) out.print(`  ${out.t(verifyText(d))}`);
        } else {
          const cause = lines.filter((d) => !/BOM|whitespace|空白/.test(d))[0] ?? lines[0];
          if (cause) out.print(`  ${cause}`);
        }
        out.print(
          `  ${c.dim(out.t(t('用 --explain 查看详细诊断', 'run with --explain for the full diagnosis')))}`,
        );
      }
    },
  };
};

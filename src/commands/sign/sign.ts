import type { CommandRun } from '../../cli/command.js';
import { profileDialect } from '../../config/signature.js';
import { UsageError } from '../../core/errors.js';
import { maskIn } from '../../core/mask.js';
import { merchantPrivateKey } from '../../keys/profile-keys.js';
import { t } from '../../output/i18n.js';
import { paint } from '../../output/style.js';
import { signedEntries } from '../../protocol/canonical.js';
import { encodeForm, parseNotification } from '../../protocol/codec.js';
import { type Fields, signRequest } from '../../protocol/signer.js';
import { readMessage } from '../shared/message-input.js';

/** `k=v` arguments; the key is the text before the first `=`. */
export function fieldsFromArgs(args: readonly string[]): Fields {
  const out: Fields = {};
  for (const arg of args) {
    const eq = arg.indexOf('=');
    if (eq <= 0) throw new UsageError(`"${arg}" is not a k=v field`, { code: 'INPUT' });
    out[arg.slice(0, eq)] = arg.slice(eq + 1);
  }
  return out;
}

/** A JSON object, a `k=v&…` text (raw or URL-encoded), or one `k=v` per line. */
export function fieldsFromText(text: string): Fields {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  const lines = trimmed.split(/\r?\n/);
  const joined =
    !trimmed.startsWith('{') && lines.length > 1 && !trimmed.includes('&') ? lines.join('&') : trimmed;
  return parseNotification(joined);
}

export const run: CommandRun = async (ctx, { args, opts }) => {
  let fields: Fields = {};
  if (opts.file || args.length === 0) {
    const buf = await readMessage({ file: opts.file, what: 'fields to sign' });
    fields = fieldsFromText(buf.toString('utf8'));
  }
  fields = { ...fields, ...fieldsFromArgs(args) };
  const profile = await ctx.profile();
  if (opts.txn) {
    const { getTxn, txnNameOrFail } = await import('../../catalogue/index.js');
    const name = txnNameOrFail(opts.txn, '--txn: ');
    const { buildRequest } = await import('../../protocol/build-request.js');
    const { validateFields } = await import('../../protocol/validate.js');
    const txn = getTxn(name, profile.overrides[name]);
    fields = buildRequest(txn, profile, fields);
    // Signing is a debugging aid: problems are worth a warning, not a refusal.
    for (const p of validateFields(fields, txn.request)) ctx.out.warn(ctx.out.t(p.message));
  }
  const key = await merchantPrivateKey(profile);
  const dialect = profileDialect(profile);
  const signed = signRequest(fields, profile.apikey, key, dialect);
  const canonical = maskIn(signed.canonical, [profile.apikey]);
  const body = encodeForm(signed.fields);
  const dropped =
    dialect.emptyFields === 'keep'
      ? []
      : Object.keys(fields).filter((k) => k !== 'sign' && k !== 'sign_type' && fields[k] === '');
  return {
    json: { canonical, sign: signed.sign, body, fields: signed.fields },
    render(out) {
      const c = paint(out);
      if (opts.explain) {
        const kept = signedEntries(
          { ...fields, sign_type: 'RSA' },
          dialect.emptyFields === 'keep',
          dialect.signType === 'include',
        ).map(([k]) => k);
        out.print(c.bold(out.t(t('1. 参与签名的字段（按键排序）', '1. fields signed (sorted by key)'))));
        out.print(`   ${kept.join(', ')}`);
        if (dropped.length) {
          out.print(
            `   ${out.t(t('已去掉空值字段（表单中也去掉）', 'dropped empty (from the form too)'))}: ${dropped.join(', ')}`,
          );
        }
        if (dialect.signType === 'include') {
          out.print(
            `   ${out.t(t('sign_type=RSA 参与签名（signature.signType=include）', 'sign_type=RSA is signed (signature.signType=include)'))}`,
          );
        } else if ('sign' in fields || 'sign_type' in fields) {
          out.print(
            `   ${out.t(t('sign/sign_type 不参与签名', 'sign/sign_type never enter the signature'))}`,
          );
        }
        out.print(
          c.bold(
            out.t(
              t(
                '2. 待签名串：k=v 以 & 连接，不做 URL 编码，末尾追加 &apikey',
                '2. canonical string: k=v joined with &, no URL-encoding, &apikey appended',
              ),
            ),
          ),
        );
        out.print(`   ${canonical}`);
        if (dialect.digest === 'sha256-hex') {
          out.print(
            `   ${out.t(t('signature.digest=sha256-hex：签名的是待签名串的 SHA-256 十六进制摘要', 'signature.digest=sha256-hex: what is signed is the hex SHA-256 of that string'))}`,
          );
        }
        const n = Buffer.byteLength(signed.canonical, 'utf8');
        out.print(
          c.bold(
            out.t(
              t(
                `3. SHA256withRSA（PKCS#1 v1.5）签名 ${n} 个 UTF-8 字节，Base64`,
                `3. SHA256withRSA (PKCS#1 v1.5) over ${n} UTF-8 bytes, Base64`,
              ),
            ),
          ),
        );
        out.print(`   ${out.t(t('私钥', 'key'))}: ${profile.merchantKey.path}`);
        out.print(
          c.bold(
            out.t(
              t(
                '4. 表单：application/x-www-form-urlencoded，UTF-8，sign 与 sign_type=RSA 附在最后',
                '4. form: application/x-www-form-urlencoded, UTF-8, sign and sign_type=RSA last',
              ),
            ),
          ),
        );
        out.print();
      }
      out.print(`${c.dim('canonical')} ${canonical}`);
      out.print(`${c.dim('sign     ')} ${signed.sign}`);
      out.print(`${c.dim('body     ')} ${body}`);
    },
  };
};

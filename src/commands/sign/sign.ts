import type { CommandInput, CommandRun } from '../../cli/kit/command.js';
import type { Context } from '../../cli/kit/context.js';
import { profileDialect } from '../../config/signature.js';
import type { ResolvedProfile } from '../../config/types.js';
import { UsageError } from '../../core/errors.js';
import { maskIn } from '../../core/mask.js';
import { merchantPrivateKey } from '../../keys/profile-keys.js';
import type { Output } from '../../output/output.js';
import { paint } from '../../output/style.js';
import { signedEntries } from '../../protocol/canonical.js';
import { encodeForm, parseNotification } from '../../protocol/codec.js';
import type { Dialect } from '../../protocol/dialect.js';
import { type Fields, signRequest } from '../../protocol/signer.js';
import { readMessage } from '../shared/message-input.js';
import { type SignCode, signText } from './messages.js';

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
  // the input is read first: a bad file is named before any config is looked for
  const given = await givenFields(args, opts);
  const profile = await ctx.profile();
  const fields = opts.txn ? await withTxnHeader(ctx, profile, given, opts.txn) : given;
  const key = await merchantPrivateKey(profile);
  const dialect = profileDialect(profile);
  const signed = signRequest(fields, profile.apikey, key, dialect);
  const canonical = maskIn(signed.canonical, [profile.apikey]);
  const body = encodeForm(signed.fields);
  return {
    json: { canonical, sign: signed.sign, body, fields: signed.fields },
    render(out) {
      const c = paint(out);
      if (opts.explain) {
        const bytes = Buffer.byteLength(signed.canonical, 'utf8');
        explainSigning(out, { fields, dialect, canonical, bytes, keyPath: profile.merchantKey.path });
      }
      out.print(`${c.dim('canonical')} ${canonical}`);
      out.print(`${c.dim('sign     ')} ${signed.sign}`);
      out.print(`${c.dim('body     ')} ${body}`);
    },
  };
};

/** The fields given: from --file or stdin (when no k=v is given), then the k=v arguments. */
async function givenFields(args: readonly string[], opts: CommandInput['opts']): Promise<Fields> {
  let fields: Fields = {};
  if (opts.file || args.length === 0) {
    const buf = await readMessage({ file: opts.file, what: 'fields to sign' });
    fields = fieldsFromText(buf.toString('utf8'));
  }
  return { ...fields, ...fieldsFromArgs(args) };
}

/** `--txn`: the transaction's header fields from the catalogue and the profile, problems warned. */
async function withTxnHeader(ctx: Context, profile: ResolvedProfile, given: Fields, txnName: string) {
  const { getTxn, txnNameOrFail } = await import('../../catalogue/index.js');
  const name = txnNameOrFail(txnName, '--txn: ');
  const { buildRequest } = await import('../../protocol/build-request.js');
  const { validateFields } = await import('../../protocol/validate.js');
  const txn = getTxn(name, profile.overrides[name]);
  const fields = buildRequest(txn, profile, given);
  // Signing is a debugging aid: problems are worth a warning, not a refusal.
  for (const p of validateFields(fields, txn.request)) ctx.out.warn(ctx.out.t(p.message));
  return fields;
}

/** `--explain`: the four steps of the signature, as the spec describes them, with this profile's settings. */
function explainSigning(
  out: Output,
  e: { fields: Fields; dialect: Dialect; canonical: string; bytes: number; keyPath: string },
): void {
  const c = paint(out);
  const { fields, dialect } = e;
  const say = (code: SignCode, params: Record<string, string | number> = {}) => out.t(signText(code, params));
  const kept = signedEntries(
    { ...fields, sign_type: 'RSA' },
    dialect.emptyFields === 'keep',
    dialect.signType === 'include',
  ).map(([k]) => k);
  const dropped =
    dialect.emptyFields === 'keep'
      ? []
      : Object.keys(fields).filter((k) => k !== 'sign' && k !== 'sign_type' && fields[k] === '');
  out.print(c.bold(say('step-fields')));
  out.print(`   ${kept.join(', ')}`);
  if (dropped.length) out.print(`   ${say('dropped-empty')}: ${dropped.join(', ')}`);
  if (dialect.signType === 'include') out.print(`   ${say('sign-type-signed')}`);
  else if ('sign' in fields || 'sign_type' in fields) out.print(`   ${say('sign-never-signed')}`);
  out.print(c.bold(say('step-canonical')));
  out.print(`   ${e.canonical}`);
  if (dialect.digest === 'sha256-hex') out.print(`   ${say('digest-hex')}`);
  out.print(c.bold(say('step-rsa', { bytes: e.bytes })));
  out.print(`   ${say('key')}: ${e.keyPath}`);
  out.print(c.bold(say('step-form')));
  out.print();
}

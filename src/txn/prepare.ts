import { getTxn } from '../catalogue/index.js';
import type { TxnName } from '../catalogue/types.js';
import { profileDialect } from '../config/signature.js';
import { mask, maskIn } from '../core/mask.js';
import { parseFen } from '../core/money.js';
import { assertSecureTransport } from '../core/transport.js';
import { buildRequest } from '../protocol/build-request.js';
import { encodeForm } from '../protocol/codec.js';
import { signRequestAsync } from '../protocol/signer.js';
import { assertValid } from '../protocol/validate.js';
import { parseExtras } from './extras.js';
import { addProfileFields } from './request-extras.js';
import type { TxnSession } from './session.js';
import type { PreparedTxn, SendOptions, TxnIds } from './types.js';

/** `baseUrl` + path, tolerant of a missing trailing slash. */
export function txnUrl(baseUrl: string, path: string): string {
  return `${baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`}${path.replace(/^\/+/, '')}`;
}

/** The identifiers of a request's fields (amount in 分 when it parses). */
export function idsOf(fields: Readonly<Record<string, string | undefined>>): TxnIds {
  const amountText = fields.amt_trans ?? fields.refund_amt;
  const amount = amountText === undefined ? undefined : parseFen(amountText);
  // only the identifiers present, in this order (they end up in journal lines and --json errors)
  const ids: TxnIds = {};
  if (fields.orderno) ids.orderno = fields.orderno;
  if (fields.refundno) ids.refundno = fields.refundno;
  if (fields.serialno) ids.serialno = fields.serialno;
  const transno = fields.transno || fields.prv_transno;
  if (transno) ids.transno = transno;
  if (amount !== undefined) ids.amount = amount;
  return ids;
}

const checkedProfiles = new WeakSet<object>();

/**
 * Build (catalogue header + profile + the command's fields + `--field` extras),
 * validate (every problem at once, exit 2) and sign a request. Nothing is sent:
 * this is all `--dry-run` shows.
 */
export async function prepareTxn(
  session: TxnSession,
  name: TxnName,
  opts: SendOptions,
): Promise<PreparedTxn> {
  const { profile } = session;
  if (!checkedProfiles.has(profile)) {
    // before anything is signed or sent; once per profile, not per row of a batch
    assertSecureTransport(profile.baseUrl, `profiles.${profile.name}.baseUrl`, profile.http.allowInsecure);
    checkedProfiles.add(profile);
  }
  const txn = getTxn(name, profile.overrides[name]);
  const extras = opts.extras?.length ? parseExtras(opts.extras) : undefined;
  const built = buildRequest(
    txn,
    {
      busino: profile.busino,
      subbusino: profile.subbusino,
      notifyUrl: profile.notifyUrl,
      returnUrl: profile.returnUrl,
    },
    extras ? { ...opts.fields, ...extras } : opts.fields,
  );
  // `--field k=` removes a field the builder filled in
  if (extras) for (const [k, v] of Object.entries(extras)) if (v === '') delete built[k];
  assertValid(txn, built);
  await addProfileFields(profile, txn, built);
  // RSA on the thread pool: in a batch, the next rows sign while this one is on the wire
  const signed = await signRequestAsync(
    built,
    profile.apikey,
    await session.merchantKey(),
    profileDialect(profile),
  );
  const { canonical } = signed;
  const { apikey } = profile;
  return {
    txn: name,
    url: txnUrl(profile.baseUrl, txn.path),
    fields: signed.fields,
    // masked when shown (--dry-run, --verbose), not for every row of a batch
    get canonicalMasked() {
      return maskApikey(canonical, apikey);
    },
    body: encodeForm(signed.fields),
    ids: idsOf(signed.fields),
  };
}

/** The canonical string ends in `&`+apikey: mask that tail whatever the key's length, and any other occurrence. */
export function maskApikey(canonical: string, apikey: string): string {
  if (!apikey) return canonical;
  const body = canonical.endsWith(`&${apikey}`) ? canonical.slice(0, -apikey.length - 1) : canonical;
  const tail = body === canonical ? '' : `&${mask(apikey)}`;
  return `${maskIn(body, [apikey])}${tail}`;
}

/** The `--dry-run` document: what would be sent, secrets masked. */
export function dryRunJson(p: PreparedTxn): Record<string, unknown> {
  return {
    ok: true,
    dryRun: true,
    txn: p.txn,
    url: p.url,
    canonical: p.canonicalMasked,
    body: p.body,
    request: p.ids,
    fields: p.fields,
  };
}

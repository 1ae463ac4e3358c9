import type { KeyObject } from 'node:crypto';
import { getTxn } from '../catalogue/index.js';
import { profileDialect } from '../config/signature.js';
import type { ResolvedProfile } from '../config/types.js';
import type { ExitCode } from '../core/exit-codes.js';
import { type MessageParams, msg } from '../core/message.js';
import { postForm } from '../http/client.js';
import type { PublicKeyEntry } from '../keys/types.js';
import { buildRequest } from '../protocol/build-request.js';
import { usesApikey } from '../protocol/canonical.js';
import { encodeForm, parseAnswer } from '../protocol/codec.js';
import { DIALECT_KEYS, type Dialect, type DialectKey, dialectDiff } from '../protocol/dialect.js';
import { findDialect, settingsText } from '../protocol/dialect-search.js';
import { generateOrderNo } from '../protocol/ids.js';
import { type Fields, signRequest } from '../protocol/signer.js';
import { txnUrl } from '../txn/prepare.js';
import { PROBE_EXIT, type ProbeCheck, type ProbeCode } from './types.js';

/** What the platform's answers told about its signature dialect. */
export interface PlatformProbe {
  checks: ProbeCheck[];
  /** The dialect found (settings it could not decide keep the profile's value). */
  detected?: Dialect;
  /** Settings no answer could decide. */
  undecided: DialectKey[];
}

/**
 * A refusal of the request's signature. The platform's codes are unpublished beyond 00000, so
 * its message is read: 验签/签名/sign (the sandbox answers 10002 验签失败).
 */
export function refusesSignature(f: Fields): boolean {
  return f.respcode !== '00000' && /验签|签名|sign/i.test(f.respmsg ?? '');
}

interface Probe {
  profile: ResolvedProfile;
  key: KeyObject;
  platform: readonly PublicKeyEntry[];
  sent: number;
}

/** One payment query signed under `dialect`; the answer's fields, or the one-line reason there is none. */
async function query(
  p: Probe,
  dialect: Dialect,
  orderno: string,
  extra: Fields = {},
): Promise<Fields | string> {
  const txn = getTxn('query', p.profile.overrides.query);
  const built = buildRequest(txn, p.profile, { orderno, ...extra });
  const signed = signRequest(built, p.profile.apikey, p.key, dialect);
  p.sent++;
  try {
    const answer = await postForm({
      url: txnUrl(p.profile.baseUrl, txn.path),
      body: encodeForm(signed.fields),
      http: p.profile.http,
    });
    return parseAnswer(answer.body);
  } catch (err) {
    return (err as Error).message;
  }
}

const said = (f: Fields) => `${f.respcode ?? '-'} ${f.respmsg ?? ''}`.trim();

/**
 * First contact: query an order that cannot exist, find the dialect the answer is signed in,
 * confirm the platform accepts imp's request signature under it, test the empty-field rule of
 * requests, and (with a known order) the apikey rule of successful answers.
 */
export async function probePlatform(
  profile: ResolvedProfile,
  keys: { merchant: KeyObject; platform: readonly PublicKeyEntry[] },
  opts: { order?: string },
): Promise<PlatformProbe> {
  const p: Probe = { profile, key: keys.merchant, platform: keys.platform, sent: 0 };
  const current = profileDialect(profile);
  const checks: ProbeCheck[] = [];
  const fail = (name: string, code: ProbeCode, params: MessageParams, exitCode: ExitCode): PlatformProbe => {
    checks.push({ name, level: 'problem', message: msg(code, params), exitCode });
    return { checks, undecided: [] };
  };
  const fresh = `${generateOrderNo()}P`;
  const first = await query(p, current, fresh);
  if (typeof first === 'string') return fail('query', 'query-failed', { why: first }, PROBE_EXIT.unreachable);
  checks.push({
    name: 'query',
    level: refusesSignature(first) ? 'warn' : 'ok',
    message: msg('query-answered', { orderno: fresh, said: said(first) }),
  });
  const m = findDialect(first, profile.apikey, keys.platform, current, 'answer');
  if (!m) {
    return fail('answer-signature', 'answer-unverified', {}, PROBE_EXIT.disagree);
  }
  let detected: Dialect = m.dialect;
  const undecided = new Set<DialectKey>(m.undecided);
  checks.push({
    name: 'answer-signature',
    level: 'ok',
    message: msg('answer-verifies', { certid: m.certid ?? '-' }),
  });

  // the request side: does the platform accept imp's signature under the detected reading?
  const accepted = await acceptedReading(p, detected, first, current);
  if (!accepted) {
    return fail('request-signature', 'request-refused', {}, PROBE_EXIT.disagree);
  }
  if (accepted.signType !== detected.signType || accepted.digest !== detected.digest) {
    checks.push({
      name: 'request-signature',
      level: 'problem',
      message: msg('request-split', { signType: accepted.signType, digest: accepted.digest }),
      exitCode: PROBE_EXIT.disagree,
    });
  } else {
    checks.push({
      name: 'request-signature',
      level: 'ok',
      message: msg('request-accepted'),
    });
  }
  detected = { ...detected, signType: accepted.signType, digest: accepted.digest };

  // empty values in requests: a query carrying an empty optional field, signed keeping it
  const keep = await query(p, { ...detected, emptyFields: 'keep' as const }, `${generateOrderNo()}P`, {
    transno: '',
  });
  undecided.delete('emptyFields');
  if (typeof keep !== 'string' && refusesSignature(keep))
    detected = { ...detected, emptyFields: 'omit' as const };
  else if (typeof keep !== 'string' && keep.respcode)
    detected = { ...detected, emptyFields: 'keep' as const };
  else undecided.add('emptyFields');

  detected = await apikeyRule(p, detected, first, opts.order, checks, undecided);
  for (const k of undecided) detected = { ...detected, [k]: current[k] };
  return { checks, detected, undecided: DIALECT_KEYS.filter((k) => undecided.has(k)) };
}

/** The request reading the platform accepts: the detected one first, then the other signType/digest pairs. */
async function acceptedReading(
  p: Probe,
  detected: Dialect,
  first: Fields,
  current: Dialect,
): Promise<Dialect | undefined> {
  const sameRequest = detected.signType === current.signType && detected.digest === current.digest;
  if (sameRequest && !refusesSignature(first)) return detected;
  const tries: Dialect[] = [detected];
  for (const signType of ['exclude', 'include'] as const)
    for (const digest of ['direct', 'sha256-hex'] as const)
      if (signType !== detected.signType || digest !== detected.digest)
        tries.push({ ...detected, signType, digest });
  for (const d of tries) {
    if (sameRequestSide(d, current) && refusesSignature(first)) continue;
    const a = await query(p, d, `${generateOrderNo()}P`);
    if (typeof a !== 'string' && !refusesSignature(a)) return d;
  }
  return undefined;
}

const sameRequestSide = (a: Dialect, b: Dialect) => a.signType === b.signType && a.digest === b.digest;

/**
 * answerApikey: the error answer shows whether errors carry the apikey; only a successful
 * answer (a query of a known order, --order) shows whether successes do.
 */
async function apikeyRule(
  p: Probe,
  detected: Dialect,
  errorAnswer: Fields,
  order: string | undefined,
  checks: ProbeCheck[],
  undecided: Set<DialectKey>,
): Promise<Dialect> {
  const errorWithKey =
    errorAnswer.respcode === '00000' ? undefined : usesApikey(errorAnswer, detected, 'answer');
  let okWithKey: boolean | undefined;
  if (order) {
    const known = await query(p, detected, order);
    if (typeof known === 'string' || known.respcode !== '00000') {
      const why = typeof known === 'string' ? known : said(known);
      checks.push({
        name: 'known-order',
        level: 'warn',
        message: msg('known-order-failed', { order, why }),
      });
    } else {
      const m = findDialect(known, p.profile.apikey, p.platform, detected, 'answer');
      if (m) okWithKey = usesApikey(known, m.dialect, 'answer');
      // a successful answer carries the whole table, empty fields included: it decides their rule
      if (m && undecided.has('answerEmptyFields') && !m.undecided.includes('answerEmptyFields')) {
        undecided.delete('answerEmptyFields');
        detected = { ...detected, answerEmptyFields: m.dialect.answerEmptyFields };
      }
    }
  }
  undecided.delete('answerApikey');
  if (errorWithKey === true && okWithKey !== false) return { ...detected, answerApikey: 'always' as const };
  if (errorWithKey === false && okWithKey === true) return { ...detected, answerApikey: 'success' as const };
  if (errorWithKey === false && okWithKey === false) return { ...detected, answerApikey: 'never' as const };
  if (errorWithKey === true && okWithKey === false) {
    checks.push({
      name: 'answer-apikey',
      level: 'problem',
      message: msg('apikey-split'),
      exitCode: PROBE_EXIT.disagree,
    });
    return detected;
  }
  undecided.add('answerApikey');
  return detected;
}

/** One line per setting the probe could not decide, and what would decide it. */
export function undecidedLines(undecided: readonly DialectKey[], kept: Dialect): ProbeCheck[] {
  const why: Partial<Record<DialectKey, ProbeCode>> = {
    answerApikey: 'why-answer-apikey',
    answerEmptyFields: 'why-answer-empty',
    signType: 'why-sign-type',
    emptyFields: 'why-empty-fields',
  };
  return undecided.map((k) => ({
    name: 'undecided',
    level: 'info' as const,
    message: msg('undecided', { key: k, kept: String(kept[k]), why: msg(why[k] ?? 'why-none') }),
  }));
}

/** The lines that say how the detected dialect differs from the profile's. */
export function dialectChange(current: Dialect, detected: Dialect): string | undefined {
  const changes = dialectDiff(detected, current);
  return Object.keys(changes).length ? settingsText(changes) : undefined;
}

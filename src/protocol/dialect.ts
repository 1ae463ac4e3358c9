/**
 * Signature dialects: the readings of spec 2.4.3.2 that its text and its examples leave open
 * (PROTOCOL-NOTES "Readings the spec leaves open"). A profile picks one in its `signature`
 * block; the sandbox can speak any of them; `verify --explain` and `config probe` search them.
 */

/** Each setting and its choices, the default (today's reading) first. */
export const DIALECT_CHOICES = {
  /** `sign_type` left out of the signed string (the text) or kept in it (the four request examples). */
  signType: ['exclude', 'include'],
  /** Answers and notifications append the apikey: only when respcode=00000 (one integration), always (the text), never. */
  answerApikey: ['success', 'always', 'never'],
  /** SHA256withRSA over the string itself, or over the hex SHA-256 digest of it (UnionPay's style). */
  digest: ['direct', 'sha256-hex'],
  /** Requests: empty values dropped from the form and the signature, or kept in both. */
  emptyFields: ['omit', 'keep'],
  /** Answers and notifications: empty values kept in the signed string, or dropped from it. */
  answerEmptyFields: ['keep', 'omit'],
} as const;

export type DialectKey = keyof typeof DIALECT_CHOICES;
export const DIALECT_KEYS = Object.keys(DIALECT_CHOICES) as DialectKey[];

/** One reading of the signature rules, every setting given. */
export type Dialect = { [K in DialectKey]: (typeof DIALECT_CHOICES)[K][number] };

/** Today's reading: the spec's text for requests, one real integration's rule for answers. */
export const DEFAULT_DIALECT: Readonly<Dialect> = Object.freeze({
  signType: 'exclude',
  answerApikey: 'success',
  digest: 'direct',
  emptyFields: 'omit',
  answerEmptyFields: 'keep',
});

/** Is `value` one of the choices of `key`? */
export function isChoice<K extends DialectKey>(key: K, value: unknown): value is Dialect[K] {
  return (DIALECT_CHOICES[key] as readonly unknown[]).includes(value);
}

/** Problems of a `key=value,…` dialect text, or the dialect it names (unnamed settings default). */
export function parseDialect(text: string): { dialect: Dialect } | { problem: string } {
  const d: Dialect = { ...DEFAULT_DIALECT };
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === 'default') return { dialect: d };
  for (const part of trimmed.split(',')) {
    const [rawKey, ...rest] = part.split('=');
    const key = (rawKey ?? '').trim();
    const value = rest.join('=').trim();
    if (!(key in DIALECT_CHOICES)) {
      return { problem: `unknown setting "${key}" (known: ${DIALECT_KEYS.join(', ')})` };
    }
    const k = key as DialectKey;
    if (!isChoice(k, value)) {
      return { problem: `${k}=${value}: expected one of ${DIALECT_CHOICES[k].join(', ')}` };
    }
    Object.assign(d, { [k]: value });
  }
  return { dialect: d };
}

/** The settings of `d` that differ from `base` (the default unless given). */
export function dialectDiff(d: Dialect, base: Readonly<Dialect> = DEFAULT_DIALECT): Partial<Dialect> {
  const out: Partial<Dialect> = {};
  for (const k of DIALECT_KEYS) if (d[k] !== base[k]) Object.assign(out, { [k]: d[k] });
  return out;
}

/** `signType=include,answerApikey=always` (only what differs from the default), or `default`. */
export function formatDialect(d: Dialect): string {
  const diff = Object.entries(dialectDiff(d));
  return diff.length ? diff.map(([k, v]) => `${k}=${v}`).join(',') : 'default';
}

/** Every dialect there is (2·3·2·2·2 = 48), the default first. */
export function allDialects(): Dialect[] {
  let out: Dialect[] = [{ ...DEFAULT_DIALECT }];
  for (const k of DIALECT_KEYS) {
    const next: Dialect[] = [];
    for (const d of out) for (const v of DIALECT_CHOICES[k]) next.push(Object.assign({}, d, { [k]: v }));
    out = next;
  }
  return out;
}
